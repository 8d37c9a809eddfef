package dev.rmkit.rm.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cooperating apps' windows with scripted answers; records what each was sent. */
final class FakeSessionWindows implements SessionWindows {

    final Map<AppWindow, Answer> answers = new LinkedHashMap<>();
    final List<String> sent = new ArrayList<>();

    AppWindow add(long pid, String title, Answer answer) {
        AppWindow w = new AppWindow(0x1000 + pid, pid, title);
        answers.put(w, answer);
        return w;
    }

    @Override
    public List<AppWindow> cooperating() {
        return List.copyOf(answers.keySet());
    }

    @Override
    public Answer query(AppWindow window, int timeoutMillis) {
        sent.add("WM_QUERYENDSESSION " + window.pid() + " within " + timeoutMillis);
        return answers.get(window);
    }

    @Override
    public void cancelled(AppWindow window, int timeoutMillis) {
        sent.add("WM_ENDSESSION(FALSE) " + window.pid());
    }
}
