package com.securescore.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Images to score from what the user named or dropped: files as given, folders searched for images. */
public final class ImageFiles {
    /** The extensions looked for inside folders. */
    public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp");

    /** The extensions as people read them: ".jpg, .jpeg, ...". */
    public static String described() {
        return String.join(", ", EXTENSIONS.stream().map(e -> "." + e).toList());
    }

    private ImageFiles() {
    }

    /**
     * Files are kept as given (the service says if one is not an image); folders, with their
     * subfolders, contribute their image files in name order.
     *
     * @throws NoSuchFileException for a name that is neither a file nor a folder
     */
    public static List<Path> collect(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(e -> n.endsWith("." + e));
    }
}
