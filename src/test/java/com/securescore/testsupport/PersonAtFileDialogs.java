package com.securescore.testsupport;

import com.securescore.ui.FileDialogs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * A person at the wizard's file dialogs, who sees what a real dialog shows: the files of a folder that
 * the selected filter (the first, when the dialog opens) lets through. Each open dialog takes the next
 * answer: the person goes to that file's folder and picks it, or, when the filter hides it, cannot and
 * cancels. What every dialog offered (where it opened, what it showed) is kept for the test to check.
 */
public final class PersonAtFileDialogs implements FileDialogs {
    /** One open dialog: its title, the folder it opened in (null: the platform's own choice), the names shown. */
    public record Shown(String title, Path openedIn, List<String> names) {
    }

    private final Deque<List<Path>> answers = new ArrayDeque<>();
    private final Deque<Path> folders = new ArrayDeque<>();
    private final List<Shown> shown = new ArrayList<>();
    private final List<Path> foldersOpenedIn = new ArrayList<>();

    /** Makes a new person the one answering from now on; tests restore {@link FileDialogs#NATIVE} afterwards. */
    public static PersonAtFileDialogs use() {
        PersonAtFileDialogs p = new PersonAtFileDialogs();
        FileDialogs.use(p);
        return p;
    }

    /** The files to pick in the next open dialog (all in one folder). */
    public PersonAtFileDialogs willPick(Path... files) {
        answers.add(List.of(files));
        return this;
    }

    /** The folder to choose in the next folder dialog. */
    public PersonAtFileDialogs willChooseFolder(Path folder) {
        folders.add(folder);
        return this;
    }

    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    /** Where each folder dialog opened. */
    public List<Path> foldersOpenedIn() {
        return List.copyOf(foldersOpenedIn);
    }

    @Override
    public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
        return openFiles(owner, title, filters, null);
    }

    @Override
    public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters, Path start) {
        List<Path> wanted = answers.poll();
        if (wanted == null) {
            shown.add(new Shown(title, start, List.of()));
            return null;
        }
        List<String> names = visible(wanted.get(0).toAbsolutePath().getParent(), filters.get(0));
        shown.add(new Shown(title, start, names));
        if (!wanted.stream().allMatch(p -> names.contains(p.getFileName().toString()))) {
            return null;
        }
        return wanted.stream().map(Path::toFile).toList();
    }

    @Override
    public File folder(Window owner, String title) {
        return folder(owner, title, null);
    }

    @Override
    public File folder(Window owner, String title, Path start) {
        foldersOpenedIn.add(start);
        Path chosen = folders.poll();
        return chosen == null ? null : chosen.toFile();
    }

    @Override
    public boolean openFolder(Path folder) {
        return true;
    }

    /** The names a dialog in {@code folder} shows under {@code filter}, sorted as dialogs sort them. */
    static List<String> visible(Path folder, FileChooser.ExtensionFilter filter) {
        List<PathMatcher> matchers = filter.getExtensions().stream()
                .map(e -> FileSystems.getDefault().getPathMatcher("glob:" + e)).toList();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(Path::getFileName)
                    .filter(n -> matchers.stream().anyMatch(m -> m.matches(n))).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
