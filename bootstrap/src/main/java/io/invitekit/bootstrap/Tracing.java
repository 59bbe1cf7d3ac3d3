package io.invitekit.bootstrap;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional tracing ({@code INVITEKIT_OTLP_ENDPOINT}): Micrometer Tracing over the OpenTelemetry
 * SDK, spans batched to an OTLP/HTTP receiver (protobuf, over the JDK's HTTP client). Off — the
 * default — it is {@link ObservationRegistry#NOOP}: no SDK, no exporter thread, and every
 * observation the server would start is the no-op one.
 *
 * <p>What is traced: each HTTP request (the adapter's server span), each relay round that has
 * emails to send with one span per email ({@link TracedMailSender}), and the transactions run
 * inside either ({@link TracedStorage}). Attributes hold kinds, outcomes, ids and counts; never an
 * email address, a token, a code or a path.
 */
final class Tracing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
    static final String SERVICE_NAME = "invitekit";

    private final ObservationRegistry observations;
    private final SdkTracerProvider provider;

    private Tracing(ObservationRegistry observations, SdkTracerProvider provider) {
        this.observations = observations;
        this.provider = provider;
    }

    /** Tracing as configured: off without an endpoint. */
    static Tracing from(Configuration configuration) {
        return configuration.otlpEndpoint() == null ? off() : otlp(configuration.otlpEndpoint(), Duration.ofSeconds(5));
    }

    static Tracing off() {
        return new Tracing(ObservationRegistry.NOOP, null);
    }

    /**
     * Spans to {@code endpoint} (an OTLP/HTTP traces URL), sent in batches every {@code scheduleDelay}
     * and on {@link #close()}.
     */
    static Tracing otlp(URI endpoint, Duration scheduleDelay) {
        TraceIdsInLogs.install();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.toString())
                .setTimeout(Duration.ofSeconds(10))
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(scheduleDelay).build())
                .build();
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(provider.get("io.invitekit"), current, TraceIdsInLogs.MDC::onEvent);
        OtelPropagator propagator = new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()),
                provider.get("io.invitekit"));
        ObservationRegistry observations = ObservationRegistry.create();
        // A request (a receiver context) becomes a server span, continuing a trusted proxy's trace;
        // everything else a span inside whatever is current.
        observations.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
        // Without the user part: it may hold credentials.
        LOG.info("Tracing: spans go to {}://{}{} over OTLP/HTTP", endpoint.getScheme(), endpoint.getHost()
                + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()), endpoint.getRawPath());
        return new Tracing(observations, provider);
    }

    boolean enabled() {
        return provider != null;
    }

    /** Where the server's observations go; {@link ObservationRegistry#NOOP} when tracing is off. */
    ObservationRegistry observations() {
        return observations;
    }

    /** Sends the spans still waiting (for up to ten seconds) and stops the exporter. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code trace_id} and {@code span_id} in the MDC while a span is current, so that log lines
     * (JSON ones carry the MDC) point at their trace. OpenTelemetry's context storage takes the
     * wrapper only before its first use, once per process: tracing is set up before anything traces.
     */
    private static final class TraceIdsInLogs {
        static final Slf4JEventListener MDC = new Slf4JEventListener("trace_id", "span_id");

        static {
            ContextStorage.addWrapper(new EventPublishingContextWrapper(MDC::onEvent));
        }

        static void install() {
            // loading the class ran its initializer
        }
    }
}
