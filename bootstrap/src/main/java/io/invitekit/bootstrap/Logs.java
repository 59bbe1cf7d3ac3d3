package io.invitekit.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Chooses the log format of the bundled server ({@code INVITEKIT_LOG_FORMAT}) before anything is logged. */
final class Logs {
    private Logs() {
    }

    static void use(Configuration.LogFormat format) {
        if (format == Configuration.LogFormat.TEXT) {
            return; // logback.xml, as Logback found it
        }
        URL json = Logs.class.getResource("/logback-json.xml");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(json);
        } catch (JoranException broken) {
            throw new IllegalStateException("logback-json.xml is broken", broken);
        }
    }
}
