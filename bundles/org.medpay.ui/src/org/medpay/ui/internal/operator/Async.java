package org.medpay.ui.internal.operator;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Control;

/**
 * Runs database work off the UI thread and hands the outcome back on it, if the widget still exists. One
 * daemon thread: sign-in, register writes and exports are short and must not overtake each other.
 */
public final class Async {

    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "medpay-ui-background");
        t.setDaemon(true);
        return t;
    });

    private Async() {
    }

    /** Work with no answer for the UI (opening service trackers, which may activate components). */
    public static void execute(Runnable work) {
        EXECUTOR.execute(work);
    }

    public static <T> void run(Control owner, Callable<T> work, Consumer<T> onResult, Consumer<Throwable> onError) {
        EXECUTOR.execute(() -> {
            T result = null;
            Throwable error = null;
            try {
                result = work.call();
            } catch (Throwable e) {
                error = e;
            }
            T r = result;
            Throwable err = error;
            if (owner.isDisposed()) {
                return;
            }
            owner.getDisplay().asyncExec(() -> {
                if (owner.isDisposed()) {
                    return;
                }
                if (err == null) {
                    onResult.accept(r);
                } else {
                    onError.accept(err);
                }
            });
        });
    }
}
