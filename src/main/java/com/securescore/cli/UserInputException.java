package com.securescore.cli;

/**
 * Input the command cannot work with at all (a missing file, no permission). The message is shown
 * as it is, without a stack trace, and the command exits with {@link ExitCodes#USAGE}.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
