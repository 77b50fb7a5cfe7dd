package com.securescore.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The native open, save and folder dialogs, behind one seam: whole-wizard tests answer them the way a
 * person would (a file picked, a folder chosen) while every button and handler stays the real one.
 *
 * <p>A dialog can start in a given folder; {@link LastFolder} keeps the folder of the last file chosen
 * so that every chooser of a step opens there instead of on the platform's "Recent" list.
 */
public interface FileDialogs {
    /** The platform's own dialogs. */
    FileDialogs NATIVE = new FileDialogs() {
        @Override
        public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
            return openFiles(owner, title, filters, null);
        }

        @Override
        public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters,
                Path start) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().addAll(filters);
            if (start != null && Files.isDirectory(start)) {
                chooser.setInitialDirectory(start.toFile());
            }
            return chooser.showOpenMultipleDialog(owner);
        }

        @Override
        public File folder(Window owner, String title) {
            return folder(owner, title, null);
        }

        @Override
        public File folder(Window owner, String title, Path start) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            if (start != null && Files.isDirectory(start)) {
                chooser.setInitialDirectory(start.toFile());
            }
            return chooser.showDialog(owner);
        }
    };

    /** Files the user picked, or null when the dialog was cancelled. */
    List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters);

    /** The folder the user chose, or null when cancelled. */
    File folder(Window owner, String title);

    /**
     * As {@link #openFiles(Window, String, List)}, opening in {@code start} when it is a folder (null: the
     * platform's choice). The first filter is the one selected when the dialog opens.
     */
    default List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters, Path start) {
        return openFiles(owner, title, filters);
    }

    /** As {@link #folder(Window, String)}, opening in {@code start} when it is a folder. */
    default File folder(Window owner, String title, Path start) {
        return folder(owner, title);
    }

    /**
     * Where to save a new file, or null when cancelled. The platform's dialog by default; callers still
     * ask before replacing a file that exists, since not every platform's dialog does.
     */
    default File saveFile(Window owner, String title, String initialName, List<FileChooser.ExtensionFilter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().addAll(filters);
        return chooser.showSaveDialog(owner);
    }

    /**
     * Shows a folder in the desktop's file manager (xdg-open, open, explorer). Returns false when there
     * is no such program, so the caller can say where the folder is instead.
     */
    default boolean openFolder(Path folder) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String program = os.contains("win") ? "explorer" : os.contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(program, folder.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The dialogs in use. */
    static FileDialogs current() {
        return Holder.current;
    }

    /** Replaces the dialogs (tests); {@link #NATIVE} restores them. */
    static void use(FileDialogs dialogs) {
        Holder.current = dialogs;
    }

    /**
     * The folder of the last file (or folder) chosen through it, for one run of a step: each of its
     * choosers opens there, whichever chose last.
     */
    final class LastFolder {
        private Path folder;

        /** The folder dialogs open in, or null before anything was chosen. */
        public Path get() {
            return folder;
        }

        /** The files picked (null when cancelled), in a dialog that opens in the last folder. */
        public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
            List<File> files = current().openFiles(owner, title, filters, folder);
            if (files != null && !files.isEmpty() && files.get(0).getAbsoluteFile().getParentFile() != null) {
                folder = files.get(0).getAbsoluteFile().getParentFile().toPath();
            }
            return files;
        }

        /** The folder chosen (null when cancelled), in a dialog that opens in the last folder. */
        public File folder(Window owner, String title) {
            File chosen = current().folder(owner, title, folder);
            if (chosen != null) {
                folder = chosen.getAbsoluteFile().toPath();
            }
            return chosen;
        }
    }

    /** Where the dialogs in use are kept. */
    final class Holder {
        private static volatile FileDialogs current = NATIVE;

        private Holder() {
        }
    }
}
