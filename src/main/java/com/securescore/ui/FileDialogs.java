package com.securescore.ui;

import java.io.File;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The native open, save and folder dialogs, behind one seam: whole-wizard tests answer them the way a
 * person would (a file picked, a folder chosen) while every button and handler stays the real one.
 */
public interface FileDialogs {
    /** The platform's own dialogs. */
    FileDialogs NATIVE = new FileDialogs() {
        @Override
        public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().addAll(filters);
            return chooser.showOpenMultipleDialog(owner);
        }

        @Override
        public File folder(Window owner, String title) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            return chooser.showDialog(owner);
        }
    };

    /** Files the user picked, or null when the dialog was cancelled. */
    List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters);

    /** The folder the user chose, or null when cancelled. */
    File folder(Window owner, String title);

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
    default boolean openFolder(java.nio.file.Path folder) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String program = os.contains("win") ? "explorer" : os.contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(program, folder.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (java.io.IOException e) {
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

    /** Where the dialogs in use are kept. */
    final class Holder {
        private static volatile FileDialogs current = NATIVE;

        private Holder() {
        }
    }
}
