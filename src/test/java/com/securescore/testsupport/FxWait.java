package com.securescore.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits for a condition about the window, asked on the JavaFX thread. TestFX's own wait asks from the
 * test thread, where a lookup can walk the scene while the wizard changes it (a list emptied under the
 * lookup: IndexOutOfBoundsException, a failure that has nothing to do with what the test checks).
 */
public final class FxWait {
    private FxWait() {
    }

    /** As {@link WaitForAsyncUtils#waitFor(long, TimeUnit, Callable)}, with the condition asked on the FX thread. */
    public static void until(long timeout, TimeUnit unit, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(timeout, unit, () -> Platform.isFxApplicationThread() ? condition.call()
                : WaitForAsyncUtils.asyncFx(condition).get());
    }
}
