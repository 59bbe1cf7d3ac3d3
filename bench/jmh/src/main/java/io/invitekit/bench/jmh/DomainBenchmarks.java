package io.invitekit.bench.jmh;

import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.shared.IdGenerator;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.Subdomain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The domain's hot paths, each beside a JDK-only baseline doing the core of the same work (the
 * {@code jdk*} methods), so that a figure reads as "this much slower than the bare JDK call".
 * Random sources are {@link SecureRandom}, as in the bundled server.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DomainBenchmarks {
    /** What a person types: lower case, spaces and a dash, an O for a zero. */
    private static final String TYPED_CODE = " a7bx - 9pq2 ".replace('0', 'O');
    private static final String BUSINESS_NAME = "Café Zürich & Co";
    private final SecureRandom random = new SecureRandom();
    private final IdGenerator ids = new IdGenerator(Clock.systemUTC(), random);
    private final String token = SecretToken.generate(random).reveal();
    private final byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);

    // ---- invite codes -------------------------------------------------------------------------

    @Benchmark
    public String codeNormalize() {
        return InviteCode.normalize(TYPED_CODE);
    }

    @Benchmark
    public String jdkNormalizeNfkc() {
        return Normalizer.normalize(TYPED_CODE, Normalizer.Form.NFKC);
    }

    @Benchmark
    public InviteCode codeGenerate() {
        return InviteCode.generate(InviteCode.DEFAULT_LENGTH, random);
    }

    @Benchmark
    public void jdkSecureRandomEightSymbols(Blackhole sink) {
        for (int i = 0; i < InviteCode.DEFAULT_LENGTH; i++) {
            sink.consume(random.nextInt(32));
        }
    }

    // ---- secret tokens ------------------------------------------------------------------------

    @Benchmark
    public Object tokenDigest() {
        return SecretToken.parse(token).digest();
    }

    @Benchmark
    public String jdkSha256Hex() throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tokenBytes));
    }

    @Benchmark
    public SecretToken tokenGenerate() {
        return SecretToken.generate(random);
    }

    @Benchmark
    public UUID idNext() {
        return ids.next();
    }

    @Benchmark
    public UUID jdkRandomUuid() {
        return UUID.randomUUID();
    }

    // ---- subdomains ---------------------------------------------------------------------------

    @Benchmark
    public Subdomain subdomainSuggest() {
        return Subdomain.suggestFrom(BUSINESS_NAME);
    }

    @Benchmark
    public String jdkNormalizeNfkd() {
        return Normalizer.normalize(BUSINESS_NAME, Normalizer.Form.NFKD);
    }
}
