# The Invitekit server as an image. NOT BUILT OR RUN on the machines this project is made on (they
# have no container runtime and reach no image registry); ContainerRecipeTest only reads this file.
#
#   docker build -t invitekit .
#   docker run -p 8080:8080 -v invitekit-data:/var/lib/invitekit/data invitekit

# Build: the fat jar, with the project's own Maven build.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests package

# Run: a JRE 17, the fat jar, a non-root user, the embedded database's directory as a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 invitekit \
    && useradd --system --uid 10001 --gid invitekit --home-dir /var/lib/invitekit invitekit \
    && mkdir -p /var/lib/invitekit/data && chown -R invitekit:invitekit /var/lib/invitekit
COPY --from=build /src/bootstrap/target/invitekit-server.jar /opt/invitekit/invitekit-server.jar
# The JVM flags README's run command uses (the collector, heap and code cache; see the file).
COPY bootstrap/jvm.options /opt/invitekit/jvm.options
# The default H2 database is ./data/invitekit, relative to this directory: on the volume.
WORKDIR /var/lib/invitekit
VOLUME ["/var/lib/invitekit/data"]
USER invitekit
ENV INVITEKIT_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready || exit 1
# SIGTERM (docker stop) stops it cleanly; give it 30 s (docker stop -t 30): in-flight requests finish.
ENTRYPOINT ["java", "@/opt/invitekit/jvm.options", "-jar", "/opt/invitekit/invitekit-server.jar"]
