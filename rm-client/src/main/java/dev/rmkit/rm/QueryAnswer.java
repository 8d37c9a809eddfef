package dev.rmkit.rm;

import java.util.Optional;

/** An application's answer to "may your session end?": allow, or veto with a reason a person understands. */
public record QueryAnswer(boolean allowed, Optional<String> reason) {
    private static final QueryAnswer ALLOW = new QueryAnswer(true, Optional.empty());

    public QueryAnswer {
        if (!allowed && reason.filter(r -> !r.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("a veto needs a reason");
        }
    }

    public static QueryAnswer allow() {
        return ALLOW;
    }

    public static QueryAnswer veto(String reason) {
        return new QueryAnswer(false, Optional.of(reason));
    }
}
