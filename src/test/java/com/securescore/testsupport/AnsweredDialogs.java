package com.securescore.testsupport;

import com.securescore.ui.FileDialogs;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The person's answers to the wizard's file dialogs: this folder for a folder dialog, these files for
 * an open dialog; "open the folder" is taken as done. Every button and handler stays the real one.
 */
public final class AnsweredDialogs implements FileDialogs {
    private final Path folder;
    private final List<Path> files;

    private AnsweredDialogs(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = List.copyOf(files);
    }

    /** Makes these the answers from now on; tests restore {@link FileDialogs#NATIVE} afterwards. */
    public static void use(Path folder, List<Path> files) {
        FileDialogs.use(new AnsweredDialogs(folder, files));
    }

    @Override
    public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
        return files.stream().map(Path::toFile).toList();
    }

    @Override
    public File folder(Window owner, String title) {
        return folder == null ? null : folder.toFile();
    }

    @Override
    public boolean openFolder(Path folder) {
        return true;
    }
}
