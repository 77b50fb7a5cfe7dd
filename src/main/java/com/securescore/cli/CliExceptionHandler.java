package com.securescore.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** Turns failures into one plain line and an exit code; a stack trace only with SECURESCORE_DEBUG=1. */
final class CliExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String message;
        int code = ExitCodes.USAGE;
        if (t instanceof UserInputException) {
            message = t.getMessage();
        } else if (t instanceof NoSuchFileException e) {
            message = "File not found: " + e.getFile() + ". Check the path.";
        } else if (t instanceof AccessDeniedException e) {
            message = "Permission denied reading " + e.getFile() + ". Check the file's permissions.";
        } else if (t instanceof IOException) {
            message = "Could not read or write a file: " + t.getMessage();
        } else {
            message = "Unexpected error: " + t + ". Please report this with the command you ran.";
            code = ExitCodes.FINDINGS;
        }
        cl.getErr().println("securescore: " + message);
        if ("1".equals(System.getenv("SECURESCORE_DEBUG"))) {
            t.printStackTrace(cl.getErr());
        }
        return code;
    }
}
