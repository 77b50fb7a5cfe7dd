package com.securescore.ui.certificate;

import com.securescore.resume.SavedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a saved run's Certificate step was reading, sorted by their role, and which of them are gone
 * or changed since, with the words the step says about it.
 *
 * @param given   files chosen or dropped together, in their order
 * @param key     a key file chosen on its own, or null
 * @param issuers issuer files added from a finding's button
 * @param gone    saved files (the trusted root too) no longer there
 * @param changed saved files whose size or time of last change differ from when the step read them
 */
record ResumedFiles(List<Path> given, Path key, List<Path> issuers, List<Path> gone, List<Path> changed) {

    static ResumedFiles of(List<SavedFile> saved, Path trustPath) {
        List<Path> given = new ArrayList<>();
        Path key = null;
        List<Path> issuers = new ArrayList<>();
        List<Path> gone = new ArrayList<>();
        List<Path> changed = new ArrayList<>();
        for (SavedFile f : saved) {
            switch (f.role()) {
                case KEY -> key = f.file();
                case ADDED -> issuers.add(f.file());
                default -> given.add(f.file());
            }
            switch (f.now()) {
                case GONE -> gone.add(f.file());
                case CHANGED -> changed.add(f.file());
                default -> {
                }
            }
        }
        if (trustPath != null && !Files.isRegularFile(trustPath)) {
            gone.add(trustPath);
        }
        return new ResumedFiles(List.copyOf(given), key, List.copyOf(issuers), List.copyOf(gone),
                List.copyOf(changed));
    }

    /** Which files are gone, where they were, and what to do; the others are not read without them. */
    String goneText() {
        boolean one = gone.size() == 1;
        String names = String.join(", ", gone.stream().map(p -> p.getFileName() + " (" + p + ")").toList());
        return (one ? "The file " + names + " you were using is no longer there"
                : "These files you were using are no longer there: " + names)
                + ": moved, renamed or deleted since you left off. Nothing was checked without " + (one ? "it" : "them")
                + ". Choose " + (one ? "it" : "them") + " again with \"Choose files…\", together with the other files"
                + " of the certificate.";
    }

    /** Which files changed since, read as they are now; null when none did. */
    String changedText() {
        if (changed.isEmpty()) {
            return null;
        }
        boolean one = changed.size() == 1;
        return String.join(", ", changed.stream().map(p -> p.getFileName().toString()).toList())
                + (one ? " has" : " have") + " changed since you left off: the check reads " + (one ? "it as it is"
                : "them as they are") + " now.";
    }
}
