package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunTest {
    private static Answer answer(int status, String retryAfter, Throwable error) {
        return new Answer(status, null, retryAfter, error, 0, 0, 1, false);
    }

    @Test
    void aRateLimitedCommandWaitsAsLongAsRetryAfterSays() {
        assertThat(LoadRun.backoff(answer(429, "2", null), 1)).isEqualTo(2_000_000_000L);
        assertThat(LoadRun.backoff(answer(429, "0", null), 1)).isEqualTo(100_000_000L);
    }

    @Test
    void otherwiseTheBackOffDoublesUpToTwoSeconds() {
        assertThat(LoadRun.backoff(answer(503, null, null), 1)).isEqualTo(100_000_000L);
        assertThat(LoadRun.backoff(answer(503, null, null), 2)).isEqualTo(200_000_000L);
        assertThat(LoadRun.backoff(answer(-1, null, new ConnectException()), 5)).isEqualTo(1_600_000_000L);
        assertThat(LoadRun.backoff(answer(-1, null, new ConnectException()), 9)).isEqualTo(2_000_000_000L);
    }

    @Test
    void onlyAnAnswerThatNeverCameMayHaveBeenAppliedUnseen() {
        assertThat(answer(-1, null, new ConnectException("refused")).uncertain()).isFalse();
        assertThat(answer(-1, null, new java.io.IOException(new ConnectException("refused"))).uncertain()).isFalse();
        assertThat(answer(-1, null, new HttpTimeoutException("timed out")).uncertain()).isTrue();
        assertThat(answer(-1, null, new java.io.IOException("connection reset")).uncertain()).isTrue();
        assertThat(answer(503, null, null).uncertain()).isFalse();
        assertThat(answer(503, null, null).retryable()).isTrue();
        assertThat(answer(500, null, null).retryable()).isTrue();
        assertThat(answer(500, null, null).uncertain()).isTrue();
        assertThat(answer(400, null, null).retryable()).isFalse();
        assertThat(answer(409, null, null).retryable()).isFalse();
    }
}
