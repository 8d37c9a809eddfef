package dev.rmkit.updater.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP and HTTPS with {@code java.net.http}: one GET per attempt, {@code Range: bytes=N-} to resume.
 * A 200 to a range request means the server ignored it (the body starts at 0); a 206 must carry a
 * {@code Content-Range} that starts exactly where we asked, or the partial file cannot be trusted.
 */
final class HttpSource implements Source {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final FetchOptions options;
    private final Clock clock;

    HttpSource(FetchOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Body open(URI uri, long offset) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(options.responseTimeout()).GET();
        if (offset > 0) {
            req.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(req.build(), HttpResponse.BodyHandlers.ofPublisher());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + uri);
        }
        TimedBodyStream body = new TimedBodyStream(options.readTimeout().toNanos());
        response.body().subscribe(body);
        int status = response.statusCode();
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        boolean framed = length.isPresent() || response.headers().allValues("Transfer-Encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        if (status == 200) {
            return new Body(body, 0, length.orElse(-1), framed);
        }
        if (status == 206 && offset > 0) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                body.close();
                throw new RangeRefused("asked for bytes from " + offset + ", got Content-Range '" + range + "'");
            }
            long announced = Long.parseLong(m.group(2)) - offset + 1;
            return new Body(body, offset, length.orElse(announced), framed);
        }
        body.close();
        if (status == 404 || status == 410) {
            throw new NotFound("HTTP " + status + " for " + uri);
        }
        if (status == 416) {
            throw new RangeRefused("HTTP 416: the server cannot resume at byte " + offset);
        }
        Instant now = clock.instant();
        throw new HttpStatus(status, RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now));
    }
}
