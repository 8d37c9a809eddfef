package dev.rmkit.updater.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.FeedFixture;
import dev.rmkit.updater.UpdateException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every network fault against a real HTTP server: each test ends with either the exact bytes at the
 * destination or nothing there at all (and no partial file left after a rejection).
 */
class FetcherFaultTest {
    private static final byte[] BODY = FeedFixture.bytes(200_000, 42);
    private static final String SHA = sha256(BODY);
    private static final String PATH = "/blobs/payload";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir Path tmp;

    private final FetchOptions fast = FetchOptions.defaults()
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50))
            .withAttempts(4, 20)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300));

    private Path dest() {
        return tmp.resolve("staging/lib/payload.bin");
    }

    private Path part() {
        return tmp.resolve("staging/lib/payload.bin" + Download.PART_SUFFIX);
    }

    private void download() throws UpdateException {
        download(new Expected("lib/payload.bin", BODY.length, SHA));
    }

    private void download(Expected expected) throws UpdateException {
        new Fetcher(fast).download(URI.create(wm.baseUrl() + PATH), dest(), expected, ProgressSink.NONE);
    }

    private void failFirstThenServe(ResponseDefinitionBuilder first) {
        wm.stubFor(get(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("recovered"));
        wm.stubFor(get(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(BODY)));
    }

    private void assertExactBytesStaged() throws Exception {
        assertArrayEquals(BODY, Files.readAllBytes(dest()));
        assertFalse(Files.exists(part()), "partial file left behind");
    }

    private void assertNothingStaged() {
        assertFalse(Files.exists(dest()), "a wrong file reached the destination");
        assertFalse(Files.exists(part()), "rejected bytes kept for a later resume");
    }

    @Test
    void connectionResetIsRetried() throws Exception {
        failFirstThenServe(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        download();
        assertExactBytesStaged();
    }

    @Test
    void emptyResponseIsRetried() throws Exception {
        failFirstThenServe(aResponse().withFault(Fault.EMPTY_RESPONSE));
        download();
        assertExactBytesStaged();
    }

    @Test
    void malformedChunkIsRetried() throws Exception {
        failFirstThenServe(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        download();
        assertExactBytesStaged();
    }

    @Test
    void randomDataThenCloseIsRetried() throws Exception {
        failFirstThenServe(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        download();
        assertExactBytesStaged();
    }

    @Test
    void serverErrorIsRetried() throws Exception {
        failFirstThenServe(aResponse().withStatus(500));
        download();
        assertExactBytesStaged();
    }

    @Test
    void serviceUnavailableWithRetryAfterSecondsIsRetried() throws Exception {
        failFirstThenServe(aResponse().withStatus(503).withHeader("Retry-After", "1"));
        download();
        assertExactBytesStaged();
        wm.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void serviceUnavailableWithRetryAfterDateIsRetried() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        failFirstThenServe(aResponse().withStatus(503).withHeader("Retry-After", date));
        download();
        assertExactBytesStaged();
    }

    @Test
    void tooManyRequestsIsRetried() throws Exception {
        failFirstThenServe(aResponse().withStatus(429).withHeader("Retry-After", "0"));
        download();
        assertExactBytesStaged();
    }

    @Test
    void aSlowBodyTimesOutAndIsRetried() throws Exception {
        // 5 chunks spread over 5 s against a 300 ms read timeout: the first attempt stalls.
        failFirstThenServe(aResponse().withStatus(200).withBody(BODY).withChunkedDribbleDelay(5, 5000));
        download();
        assertExactBytesStaged();
        wm.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aBodyCutShortIsResumedWithRange() throws Exception {
        int half = BODY.length / 2;
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", absent()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", String.valueOf(BODY.length))
                .withBody(Arrays.copyOf(BODY, half))));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=" + half + "-")).willReturn(aResponse()
                .withStatus(206)
                .withHeader("Content-Range", "bytes " + half + "-" + (BODY.length - 1) + "/" + BODY.length)
                .withBody(Arrays.copyOfRange(BODY, half, BODY.length))));
        download();
        assertExactBytesStaged();
        wm.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=" + half + "-")));
    }

    @Test
    void aPartialFileFromAnEarlierRunIsResumed() throws Exception {
        int kept = 70_000;
        Files.createDirectories(part().getParent());
        Files.write(part(), Arrays.copyOf(BODY, kept));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=" + kept + "-")).willReturn(aResponse()
                .withStatus(206)
                .withHeader("Content-Range", "bytes " + kept + "-" + (BODY.length - 1) + "/" + BODY.length)
                .withBody(Arrays.copyOfRange(BODY, kept, BODY.length))));
        download();
        assertExactBytesStaged();
        wm.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aServerThatIgnoresRangeRestartsFromZero() throws Exception {
        Files.createDirectories(part().getParent());
        Files.write(part(), Arrays.copyOf(BODY, 1000));
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BODY)));
        download();
        assertExactBytesStaged();
    }

    @Test
    void aWrongPartialFileIsDiscardedAndDownloadedCleanly() throws Exception {
        int kept = 1000;
        Files.createDirectories(part().getParent());
        Files.write(part(), FeedFixture.bytes(kept, 7));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=" + kept + "-")).willReturn(aResponse()
                .withStatus(206)
                .withHeader("Content-Range", "bytes " + kept + "-" + (BODY.length - 1) + "/" + BODY.length)
                .withBody(Arrays.copyOfRange(BODY, kept, BODY.length))));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", absent()).willReturn(aResponse().withStatus(200).withBody(BODY)));
        download();
        assertExactBytesStaged();
    }

    @Test
    void aMismatchedContentRangeIsNotAppended() throws Exception {
        Files.createDirectories(part().getParent());
        Files.write(part(), Arrays.copyOf(BODY, 1000));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=1000-")).willReturn(aResponse()
                .withStatus(206).withHeader("Content-Range", "bytes 0-" + (BODY.length - 1) + "/" + BODY.length).withBody(BODY)));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", absent()).willReturn(aResponse().withStatus(200).withBody(BODY)));
        download();
        assertExactBytesStaged();
    }

    @Test
    void moreBytesThanDeclaredAreRejected() throws Exception {
        byte[] longer = Arrays.copyOf(BODY, BODY.length + 1);
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(longer)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().contains("larger than declared"), e.getMessage());
        assertNothingStaged();
    }

    @Test
    void moreBytesThanDeclaredWithoutContentLengthAreRejected() throws Exception {
        byte[] longer = Arrays.copyOf(BODY, BODY.length + 10);
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(longer).withChunkedDribbleDelay(4, 20)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().contains("more than " + BODY.length + " bytes arrived"), e.getMessage());
        assertNothingStaged();
    }

    @Test
    void aBlobShorterThanDeclaredThatArrivesWholeIsRejectedWithoutRetrying() throws Exception {
        byte[] shorter = Arrays.copyOf(BODY, BODY.length - 1);
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(shorter)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.REJECTED, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("smaller than declared"), e.getMessage());
        wm.verify(1, getRequestedFor(urlEqualTo(PATH)));
        assertNothingStaged();
    }

    @Test
    void aResumeWhoseContentRangeSaysTheBlobIsShorterIsRejected() throws Exception {
        int kept = 70_000;
        int total = 100_000;
        Files.createDirectories(part().getParent());
        Files.write(part(), Arrays.copyOf(BODY, kept));
        wm.stubFor(get(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=" + kept + "-")).willReturn(aResponse()
                .withStatus(206).withHeader("Content-Range", "bytes " + kept + "-" + (total - 1) + "/" + total)
                .withBody(Arrays.copyOfRange(BODY, kept, total))));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.REJECTED, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("smaller than declared"), e.getMessage());
        assertNothingStaged();
    }

    @Test
    void aShorterLocalBlobIsRejected() throws Exception {
        Path blob = tmp.resolve("feed/blob");
        Files.createDirectories(blob.getParent());
        Files.write(blob, Arrays.copyOf(BODY, BODY.length / 2));
        UpdateException e = assertThrows(UpdateException.class, () -> new Fetcher(fast).download(blob.toUri(), dest(),
                new Expected("lib/payload.bin", BODY.length, SHA), ProgressSink.NONE));
        assertEquals(ExitCode.REJECTED, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("smaller than declared"), e.getMessage());
        assertNothingStaged();
    }

    @Test
    void aWrongHashIsRejectedNamingExpectedAndActual() throws Exception {
        byte[] other = FeedFixture.bytes(BODY.length, 43);
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(other)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertEquals("SHA-256 mismatch for lib/payload.bin: expected " + SHA + ", got " + sha256(other)
                + " (" + wm.baseUrl() + PATH + ")", e.getMessage());
        assertNothingStaged();
    }

    @Test
    void aServerThatKeepsFailingIsUnavailableAfterTheRetries() throws Exception {
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("after 4 attempts: HttpStatus: HTTP 503"), e.getMessage());
        wm.verify(4, getRequestedFor(urlEqualTo(PATH)));
        assertFalse(Files.exists(dest()));
    }

    @Test
    void notFoundIsUnavailableWithoutRetrying() throws Exception {
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.UNAVAILABLE, e.exitCode());
        wm.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void forbiddenIsUnavailableWithoutRetrying() throws Exception {
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(403)));
        UpdateException e = assertThrows(UpdateException.class, this::download);
        assertEquals(ExitCode.UNAVAILABLE, e.exitCode());
        wm.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void progressReachesTheTotal() throws Exception {
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BODY)));
        List<long[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        new Fetcher(fast).download(URI.create(wm.baseUrl() + PATH), dest(), new Expected("p", BODY.length, SHA),
                (d, t) -> seen.add(new long[] {d, t}));
        long[] last = seen.get(seen.size() - 1);
        assertEquals(BODY.length, last[0]);
        assertEquals(BODY.length, last[1]);
    }

    @Test
    void smallDocumentsStopAtTheLimit() {
        wm.stubFor(get(urlEqualTo("/manifest.json")).willReturn(aResponse().withStatus(200).withBody(BODY).withChunkedDribbleDelay(2, 10)));
        UpdateException e = assertThrows(UpdateException.class,
                () -> new Fetcher(fast).fetchSmall(URI.create(wm.baseUrl() + "/manifest.json"), 1000, "manifest"));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().contains("larger than the 1000-byte limit"), e.getMessage());
    }

    @Test
    void smallDocumentsAreRetriedAndMissingOnesAreEmpty() throws Exception {
        wm.stubFor(get(urlEqualTo("/m")).inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/m")).inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withBody("{}")));
        wm.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));
        Fetcher f = new Fetcher(fast);
        assertEquals("{}", new String(f.fetchSmall(URI.create(wm.baseUrl() + "/m"), 10, "m").orElseThrow()));
        assertTrue(f.fetchSmall(URI.create(wm.baseUrl() + "/missing"), 10, "m").isEmpty());
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
