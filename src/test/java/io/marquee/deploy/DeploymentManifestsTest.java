package io.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the deployment files that operators copy as they are (k8s/, deploy/ecs/marquee.yaml,
 * src/main/docker/Dockerfile.*) against the application's facts: health paths, port, shutdown timing
 * (read from application.properties), non-root users, the production environment variables, no secrets
 * in templates, S3 permissions limited to the media bucket. Plain JUnit, no Quarkus boot.
 */
class DeploymentManifestsTest {

    /** Required by the production configuration contract (shared DESIGN.md). */
    private static final List<String> REQUIRED_VARIABLES = List.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "MARQUEE_MEDIA_BUCKET",
            "QUARKUS_S3_AWS_REGION",
            "MARQUEE_JWT_SIGNING_KEY",
            "MARQUEE_GRANT_SECRET",
            "QUARKUS_HTTP_PORT");

    /** Optional in the contract; the ECS stack wires each of them (conditionally). */
    private static final List<String> OPTIONAL_VARIABLES = List.of(
            "MARQUEE_JWT_PREVIOUS_PUBLIC_KEYS",
            "MARQUEE_ADMIN_EMAIL",
            "MARQUEE_ADMIN_PASSWORD",
            "MARQUEE_PUBLIC_BASE_URL");

    /** Must come from a Kubernetes Secret / Secrets Manager, never from plain configuration. */
    private static final Set<String> SECRET_VARIABLES = Set.of(
            "QUARKUS_DATASOURCE_PASSWORD",
            "MARQUEE_JWT_SIGNING_KEY",
            "MARQUEE_GRANT_SECRET",
            "MARQUEE_ADMIN_PASSWORD");

    /** Static S3 credentials must not be configured on AWS (default credentials chain only). */
    private static final List<String> STATIC_CREDENTIAL_VARIABLES = List.of(
            "QUARKUS_S3_AWS_CREDENTIALS_TYPE",
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID",
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY");

    private static final int HTTP_PORT = 8080;
    private static final String STARTED = "/q/health/started";
    private static final String LIVE = "/q/health/live";
    private static final String READY = "/q/health/ready";

    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");
    private static final Pattern SHORT_FORM_TAG = Pattern.compile(
            "(^|[\\s\\[{,:])!(Ref|Sub|GetAtt|Join|If|Equals|Not|And|Or|Select|Split|Base64|FindInMap|"
                    + "ImportValue|GetAZs|Condition|Cidr|Transform|ToJsonString|Length)\\b");

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path root;
    /** Every YAML document under k8s/, with the file it came from. */
    private static List<Doc> k8sDocs;
    private static JsonNode ecs;
    private static String ecsText;

    private record Doc(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        String where() {
            return root.relativize(file) + " (" + kind() + " " + name() + ")";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        root = findProjectRoot();
        Path k8sDir = root.resolve("k8s");
        assertTrue(Files.isDirectory(k8sDir), "k8s/ is missing under " + root);
        k8sDocs = new ArrayList<>();
        List<Path> yamlFiles;
        try (Stream<Path> walk = Files.walk(k8sDir)) {
            yamlFiles = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertFalse(yamlFiles.isEmpty(), "no YAML file under k8s/");
        for (Path file : yamlFiles) {
            for (JsonNode node : readAllDocuments(file)) {
                k8sDocs.add(new Doc(file, node));
            }
        }
        Path ecsFile = root.resolve("deploy/ecs/marquee.yaml");
        assertTrue(Files.isRegularFile(ecsFile), "deploy/ecs/marquee.yaml is missing");
        ecsText = Files.readString(ecsFile, StandardCharsets.UTF_8);
        List<JsonNode> ecsDocs = readAllDocuments(ecsFile);
        assertEquals(1, ecsDocs.size(), "deploy/ecs/marquee.yaml must be exactly one YAML document");
        ecs = ecsDocs.get(0);
        assertTrue(ecs.path("Resources").isObject(), "deploy/ecs/marquee.yaml has no Resources section");
    }

    // ------------------------------------------------------------------------------------------ Kubernetes

    @Test
    void everyKubernetesManifestIsAnObjectWithKindAndName() {
        for (Doc doc : k8sDocs) {
            if (isKustomization(doc)) {
                continue;
            }
            assertFalse(doc.node.path("apiVersion").asText("").isEmpty(), doc.where() + ": no apiVersion");
            assertFalse(doc.kind().isEmpty(), root.relativize(doc.file) + ": a document has no kind");
            assertFalse(doc.name().isEmpty(), doc.where() + ": no metadata.name");
        }
    }

    @Test
    void kustomizationAppliesEveryManifestButNeverTheSecretTemplate() {
        Doc kustomization = k8sDocs.stream().filter(DeploymentManifestsTest::isKustomization).findFirst()
                .orElseThrow(() -> new AssertionError("k8s/kustomization.yaml is missing: `kubectl apply -k k8s/` needs it"));
        Path dir = kustomization.file.getParent();
        Set<Path> listed = new LinkedHashSet<>();
        for (JsonNode resource : kustomization.node.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            assertTrue(Files.exists(path), "kustomization.yaml lists " + resource.asText() + ", which does not exist");
            listed.add(path);
        }
        for (Doc doc : k8sDocs) {
            if (isKustomization(doc) || !doc.file.getParent().equals(dir)) {
                continue;
            }
            if ("Secret".equals(doc.kind())) {
                assertFalse(listed.contains(doc.file.normalize()), doc.where()
                        + " is a template with placeholder values and must not be listed in kustomization.yaml resources");
            } else {
                assertTrue(listed.contains(doc.file.normalize()), doc.where()
                        + " is not listed in kustomization.yaml resources, so `kubectl apply -k k8s/` would skip it");
            }
        }
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount", "HorizontalPodAutoscaler",
                "PodDisruptionBudget")) {
            assertTrue(k8sDocs.stream().anyMatch(d -> kind.equals(d.kind()) && listed.contains(d.file.normalize())),
                    "kustomization.yaml applies no " + kind);
        }
    }

    @Test
    void probesPointAtTheHealthEndpointsOnPort8080() {
        JsonNode container = appContainer();
        assertTrue(containerPorts(container).containsValue(HTTP_PORT),
                "the Deployment's container does not declare containerPort " + HTTP_PORT);
        assertProbe(container, "startupProbe", STARTED);
        assertProbe(container, "livenessProbe", LIVE);
        assertProbe(container, "readinessProbe", READY);

        Doc service = single("Service");
        boolean targetsApp = false;
        for (JsonNode port : service.node.path("spec").path("ports")) {
            JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.path("port");
            targetsApp |= resolvePort(container, target) == HTTP_PORT;
        }
        assertTrue(targetsApp, service.where() + ": no port targets the container port " + HTTP_PORT);
        assertSelectorMatchesPods(service.where(), service.node.path("spec").path("selector"));
        assertSelectorMatchesPods(single("PodDisruptionBudget").where(),
                single("PodDisruptionBudget").node.path("spec").path("selector").path("matchLabels"));
        JsonNode target = single("HorizontalPodAutoscaler").node.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText(), "the HPA does not scale the Deployment");
        assertEquals(single("Deployment").name(), target.path("name").asText(), "the HPA scales another Deployment");
        assertEquals("autoscaling/v2", single("HorizontalPodAutoscaler").node.path("apiVersion").asText(),
                "the HPA must use autoscaling/v2");
    }

    @Test
    void terminationGracePeriodCoversPreStopAndTheApplicationsShutdown() {
        long budget = shutdownBudgetSeconds();
        JsonNode pod = podSpec();
        JsonNode grace = pod.path("terminationGracePeriodSeconds");
        assertTrue(grace.canConvertToLong(), "the Deployment sets no terminationGracePeriodSeconds (default 30 s < "
                + budget + " s that the application may need after SIGTERM)");
        JsonNode preStopSleep = appContainer().path("lifecycle").path("preStop").path("sleep").path("seconds");
        assertTrue(preStopSleep.canConvertToLong() && preStopSleep.asLong() > 0,
                "the container needs a preStop hook `sleep: {seconds: N}` so endpoints drop the pod before SIGTERM");
        long needed = preStopSleep.asLong() + budget;
        assertTrue(grace.asLong() > needed, "terminationGracePeriodSeconds " + grace.asLong()
                + " must exceed preStop sleep " + preStopSleep.asLong() + " s + quarkus.shutdown.delay/timeout "
                + budget + " s = " + needed + " s, or the kubelet kills in-flight requests");
        JsonNode rolling = single("Deployment").node.path("spec").path("strategy").path("rollingUpdate");
        assertTrue(rolling.path("maxUnavailable").canConvertToInt() && rolling.path("maxUnavailable").asInt() == 0
                || "0%".equals(rolling.path("maxUnavailable").asText()),
                "the Deployment's rollingUpdate.maxUnavailable must be 0 (no capacity loss during a rollout)");
    }

    @Test
    void podRunsNonRootWithAReadOnlyRootFilesystem() {
        JsonNode pod = podSpec();
        JsonNode podSecurity = pod.path("securityContext");
        JsonNode container = appContainer();
        JsonNode security = container.path("securityContext");

        boolean nonRoot = security.path("runAsNonRoot").asBoolean(false)
                || podSecurity.path("runAsNonRoot").asBoolean(false) && !security.has("runAsNonRoot");
        assertTrue(nonRoot, "runAsNonRoot must be true (container or pod securityContext)");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(false),
                "the container's securityContext.readOnlyRootFilesystem must be true");
        assertTrue(security.has("allowPrivilegeEscalation") && !security.path("allowPrivilegeEscalation").asBoolean(true),
                "the container's securityContext.allowPrivilegeEscalation must be false");
        List<String> dropped = new ArrayList<>();
        security.path("capabilities").path("drop").forEach(c -> dropped.add(c.asText()));
        assertTrue(dropped.contains("ALL"), "the container must drop ALL capabilities, drops " + dropped);
        String seccomp = security.path("seccompProfile").path("type")
                .asText(podSecurity.path("seccompProfile").path("type").asText(""));
        assertEquals("RuntimeDefault", seccomp, "seccompProfile.type must be RuntimeDefault");

        JsonNode runAsUser = security.has("runAsUser") ? security.get("runAsUser") : podSecurity.path("runAsUser");
        if (!runAsUser.isMissingNode()) {
            assertTrue(runAsUser.asLong() != 0, "runAsUser must not be 0 (root)");
            for (Map.Entry<Path, String> user : dockerfileUsers().entrySet()) {
                if (user.getValue().matches("\\d+")) {
                    assertEquals(Long.parseLong(user.getValue()), runAsUser.asLong(), "runAsUser " + runAsUser.asLong()
                            + " differs from the USER of " + root.relativize(user.getKey()));
                }
            }
        }

        boolean tmpWritable = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                String volume = mount.path("name").asText();
                for (JsonNode v : pod.path("volumes")) {
                    tmpWritable |= volume.equals(v.path("name").asText()) && v.has("emptyDir");
                }
            }
        }
        assertTrue(tmpWritable, "with a read-only root filesystem /tmp must be an emptyDir volume mount");
    }

    @Test
    void deploymentProvidesEveryRequiredVariableFromTheConfigMapAndTheSecret() {
        JsonNode container = appContainer();
        Map<String, String> sources = new LinkedHashMap<>();
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            sources.put(name, env.has("valueFrom") && env.path("valueFrom").has("secretKeyRef") ? "secret" : "env");
        }
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            if (from.has("configMapRef")) {
                Doc configMap = named("ConfigMap", from.path("configMapRef").path("name").asText());
                configMapOrSecretKeys(configMap.node).forEach(k -> sources.putIfAbsent(prefix + k, "configmap"));
            }
            if (from.has("secretRef")) {
                Doc secret = named("Secret", from.path("secretRef").path("name").asText());
                configMapOrSecretKeys(secret.node).forEach(k -> sources.putIfAbsent(prefix + k, "secret"));
            }
        }
        for (String variable : REQUIRED_VARIABLES) {
            assertTrue(sources.containsKey(variable), "the Deployment does not provide " + variable
                    + " (neither env nor envFrom of the ConfigMap / Secret template)");
        }
        for (String variable : SECRET_VARIABLES) {
            if (sources.containsKey(variable)) {
                assertEquals("secret", sources.get(variable), variable + " must come from the Secret, not plain configuration");
            }
        }
        assertEquals("8080", configValue("QUARKUS_HTTP_PORT"), "QUARKUS_HTTP_PORT must be 8080 (probes and Service use it)");
        assertEquals("true", configValue("QUARKUS_LOG_CONSOLE_JSON_ENABLED"),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED must be \"true\" in the ConfigMap (JSON logs)");
        for (String variable : STATIC_CREDENTIAL_VARIABLES) {
            assertFalse(sources.containsKey(variable), "the Deployment sets " + variable
                    + ": on AWS S3 credentials come from the default chain (IRSA / Pod Identity), never static keys");
        }
    }

    @Test
    void secretTemplateAndConfigMapHoldNoRealSecrets() {
        List<Doc> secrets = k8sDocs.stream().filter(d -> "Secret".equals(d.kind())).collect(Collectors.toList());
        assertFalse(secrets.isEmpty(), "k8s/ needs a Secret template (e.g. secret.example.yaml) naming the secret keys");
        for (Doc secret : secrets) {
            assertFalse(secret.node.has("data") && secret.node.get("data").size() > 0, secret.where()
                    + ": use stringData with visible placeholders, not base64 `data`");
            assertTrue(secret.node.path("stringData").size() > 0, secret.where() + ": no stringData keys");
            for (Map.Entry<String, JsonNode> field : secret.node.path("stringData").properties()) {
                String value = field.getValue().asText();
                assertNoSecretMaterial(secret.where() + " key " + field.getKey(), value);
                assertTrue(value.toUpperCase().contains("REPLACE"), secret.where() + " key " + field.getKey()
                        + " must hold an obvious placeholder (containing REPLACE), not a value: " + value);
            }
        }
        for (Doc configMap : k8sDocs.stream().filter(d -> "ConfigMap".equals(d.kind())).collect(Collectors.toList())) {
            for (Map.Entry<String, JsonNode> field : configMap.node.path("data").properties()) {
                assertFalse(SECRET_VARIABLES.contains(field.getKey()), configMap.where() + " holds " + field.getKey()
                        + ", which belongs in the Secret");
                assertNoSecretMaterial(configMap.where() + " key " + field.getKey(), field.getValue().asText());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ Dockerfiles

    @Test
    void everyDockerfileRunsAsANonRootUser() throws IOException {
        Map<Path, String> users = dockerfileUsers();
        for (String expected : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            assertTrue(users.keySet().stream().anyMatch(p -> p.getFileName().toString().equals(expected)),
                    "src/main/docker/" + expected + " is missing");
        }
        for (Map.Entry<Path, String> entry : users.entrySet()) {
            String where = root.relativize(entry.getKey()).toString();
            String user = entry.getValue();
            assertNotNull(user, where + " has no USER after its last FROM: the image would run as root");
            String name = user.split(":", 2)[0];
            assertFalse(name.equals("root") || name.equals("0"), where + " runs as " + user + " (root)");
            String text = Files.readString(entry.getKey(), StandardCharsets.UTF_8);
            assertTrue(text.contains("docker build") && text.contains("docker run") && text.contains("./mvnw"),
                    where + " needs a usage header: how to build the app, build the image and run it");
            assertTrue(text.contains("EXPOSE " + HTTP_PORT), where + " does not EXPOSE " + HTTP_PORT);
        }
        String jvm = Files.readString(root.resolve("src/main/docker/Dockerfile.jvm"), StandardCharsets.UTF_8);
        assertTrue(jvm.contains("-XX:AOTCache=") && jvm.contains("app.aot"),
                "Dockerfile.jvm must start the JVM with -XX:AOTCache=...app.aot when Quarkus produced the AOT cache");
        assertTrue(jvm.contains("target/quarkus-app/lib/"), "Dockerfile.jvm must copy the fast-jar layers of target/quarkus-app");
    }

    @Test
    void theBenchmarkRunsMarqueeWithTheImagesJvmOptionsAndNoManifestReplacesThem() throws IOException {
        String jvm = Files.readString(root.resolve("src/main/docker/Dockerfile.jvm"), StandardCharsets.UTF_8);
        Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(jvm);
        assertTrue(javaOpts.find(), "Dockerfile.jvm sets no JAVA_OPTS");
        List<String> flags = List.of(javaOpts.group(1).split(" "));
        assertTrue(flags.stream().anyMatch(f -> f.matches("-XX:\\+Use\\w+GC")),
                "Dockerfile.jvm must choose the garbage collector: without one the JVM picks by machine size, so the "
                        + "containers and the benchmark machine would not run the same one");
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage=")), "heap sized from the limit");
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxDirectMemorySize=")),
                "the stream buffers (direct memory) must be bounded within the container's limit");
        String common = Files.readString(root.resolve("bench/common.sh"), StandardCharsets.UTF_8);
        assertTrue(common.contains("marquee_jvm_options()") && common.contains("src/main/docker/Dockerfile.jvm"),
                "bench/common.sh must take Marquee's JVM options from Dockerfile.jvm");
        for (String script : List.of("bench/run.sh", "bench/scenarios/connections.sh")) {
            String text = Files.readString(root.resolve(script), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.contains("start_marquee ")) {
                    assertTrue(line.contains("$MARQUEE_JVM") && !line.contains("-Xmx"),
                            script + " must start Marquee with the image's JVM options: " + line.trim());
                }
            }
        }
        for (String manifest : List.of("k8s/deployment.yaml", "deploy/ecs/marquee.yaml")) {
            String text = Files.readString(root.resolve(manifest), StandardCharsets.UTF_8);
            assertFalse(text.contains("JAVA_OPTS") || text.contains("JAVA_TOOL_OPTIONS"),
                    manifest + " must not replace the image's JVM options (measured by the benchmark)");
        }
    }

    // ------------------------------------------------------------------------------------------ ECS / CloudFormation

    @Test
    void ecsTemplateUsesOnlyLongFormIntrinsicFunctions() {
        String[] lines = ecsText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripYamlComment(lines[i]);
            Matcher m = SHORT_FORM_TAG.matcher(line);
            assertFalse(m.find(), "deploy/ecs/marquee.yaml line " + (i + 1) + " uses the short-form tag !" +
                    (m.find(0) ? m.group(2) : "") + "; write Ref:/Fn::...: so plain YAML parsers can read it");
        }
        assertEquals("2010-09-09", ecs.path("AWSTemplateFormatVersion").asText(),
                "deploy/ecs/marquee.yaml is not a CloudFormation template (AWSTemplateFormatVersion)");
        Set<String> known = new TreeSet<>();
        ecs.path("Parameters").fieldNames().forEachRemaining(known::add);
        ecs.path("Resources").fieldNames().forEachRemaining(known::add);
        Set<String> refs = new TreeSet<>();
        collectRefs(ecs.path("Resources"), refs);
        collectRefs(ecs.path("Outputs"), refs);
        for (String ref : refs) {
            assertTrue(ref.startsWith("AWS::") || known.contains(ref),
                    "deploy/ecs/marquee.yaml refers to " + ref + ", which is neither a parameter nor a resource");
        }
        assertFalse(ecsText.contains("-----BEGIN") && ecsText.contains("PRIVATE KEY"),
                "deploy/ecs/marquee.yaml contains a PEM private key");
        assertNoSecretMaterialInValues("deploy/ecs/marquee.yaml", ecs);
    }

    @Test
    void ecsTaskDefinitionProvidesEveryVariableWithSecretsFromSecretsManager() {
        JsonNode container = ecsContainer();
        Set<String> environment = namesOf(container.path("Environment"));
        Set<String> secrets = namesOf(container.path("Secrets"));
        for (String variable : REQUIRED_VARIABLES) {
            assertTrue(environment.contains(variable) || secrets.contains(variable),
                    "the ECS task definition does not provide " + variable + " (Environment or Secrets)");
        }
        for (String variable : OPTIONAL_VARIABLES) {
            assertTrue(environment.contains(variable) || secrets.contains(variable),
                    "the ECS task definition does not wire the optional " + variable + " (conditionally is fine)");
        }
        for (String variable : SECRET_VARIABLES) {
            assertFalse(environment.contains(variable), variable + " is plain Environment in the ECS task definition;"
                    + " it must be a Secrets entry (Secrets Manager)");
            assertTrue(secrets.contains(variable), variable + " must be a Secrets entry of the ECS task definition");
        }
        for (String variable : STATIC_CREDENTIAL_VARIABLES) {
            assertFalse(environment.contains(variable) || secrets.contains(variable), "the ECS task definition sets "
                    + variable + ": S3 credentials must come from the task role");
        }
        for (JsonNode env : flatten(container.path("Environment"))) {
            if ("QUARKUS_HTTP_PORT".equals(env.path("Name").asText())) {
                assertEquals("8080", env.path("Value").asText(), "ECS QUARKUS_HTTP_PORT must be 8080");
            }
            if ("QUARKUS_LOG_CONSOLE_JSON_ENABLED".equals(env.path("Name").asText())) {
                assertEquals("true", env.path("Value").asText(), "ECS must switch JSON logs on");
            }
        }
        assertTrue(environment.contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), "ECS must set QUARKUS_LOG_CONSOLE_JSON_ENABLED=true");

        JsonNode taskDefinition = singleResource("AWS::ECS::TaskDefinition").path("Properties");
        assertTrue(textsOf(taskDefinition.path("RequiresCompatibilities")).contains("FARGATE"), "the task definition must require FARGATE");
        assertEquals("awsvpc", taskDefinition.path("NetworkMode").asText(), "Fargate needs NetworkMode awsvpc");
        assertEquals("LINUX", taskDefinition.path("RuntimePlatform").path("OperatingSystemFamily").asText(), "RuntimePlatform must be LINUX");
        assertEquals("X86_64", taskDefinition.path("RuntimePlatform").path("CpuArchitecture").asText(), "RuntimePlatform must be X86_64");
        boolean port = false;
        for (JsonNode mapping : container.path("PortMappings")) {
            port |= intOf(mapping.path("ContainerPort")) == HTTP_PORT;
        }
        assertTrue(port, "the ECS container must map port " + HTTP_PORT);
        assertEquals("awslogs", container.path("LogConfiguration").path("LogDriver").asText(), "the ECS container must log with awslogs");
        JsonNode logGroup = singleResource("AWS::Logs::LogGroup");
        assertTrue(logGroup.path("Properties").has("RetentionInDays"), "the CloudWatch log group needs a retention");
        assertTrue(container.path("ReadonlyRootFilesystem").asBoolean(false), "the ECS container should use a read-only root filesystem");
    }

    @Test
    void ecsShutdownTimingMatchesTheApplication() {
        long budget = shutdownBudgetSeconds();
        JsonNode stopTimeout = ecsContainer().path("StopTimeout");
        assertTrue(!stopTimeout.isMissingNode() && intOf(stopTimeout) > budget, "ECS container StopTimeout ("
                + stopTimeout.asText("unset: 30") + ") must exceed quarkus.shutdown.delay + timeout = " + budget + " s");
        JsonNode targetGroup = singleResource("AWS::ElasticLoadBalancingV2::TargetGroup").path("Properties");
        Integer deregistration = null;
        for (JsonNode attribute : targetGroup.path("TargetGroupAttributes")) {
            if ("deregistration_delay.timeout_seconds".equals(attribute.path("Key").asText())) {
                deregistration = intOf(attribute.path("Value"));
            }
        }
        assertNotNull(deregistration, "the target group sets no deregistration_delay.timeout_seconds (default 300 s)");
        assertEquals(budget, (long) deregistration, "the target group's deregistration delay must equal "
                + "quarkus.shutdown.delay + quarkus.shutdown.timeout = " + budget + " s");
    }

    @Test
    void ecsServiceAndLoadBalancerAreWiredSafely() {
        JsonNode targetGroup = singleResource("AWS::ElasticLoadBalancingV2::TargetGroup").path("Properties");
        assertEquals("ip", targetGroup.path("TargetType").asText(), "Fargate (awsvpc) needs target type ip");
        assertEquals(READY, targetGroup.path("HealthCheckPath").asText(), "the target group must check " + READY);
        assertEquals("200", targetGroup.path("Matcher").path("HttpCode").asText(), "the target group must expect HTTP 200");
        assertEquals(HTTP_PORT, intOf(targetGroup.path("Port")), "the target group must send traffic to port " + HTTP_PORT);

        JsonNode service = singleResource("AWS::ECS::Service").path("Properties");
        assertEquals("FARGATE", service.path("LaunchType").asText(), "the ECS service must use LaunchType FARGATE");
        JsonNode vpc = service.path("NetworkConfiguration").path("AwsvpcConfiguration");
        assertEquals("DISABLED", vpc.path("AssignPublicIp").asText(), "tasks must not get a public IP");
        JsonNode loadBalancer = singleResource("AWS::ElasticLoadBalancingV2::LoadBalancer").path("Properties");
        assertFalse(vpc.path("Subnets").equals(loadBalancer.path("Subnets")),
                "tasks must run in the private subnets, not in the load balancer's public subnets");
        JsonNode breaker = service.path("DeploymentConfiguration").path("DeploymentCircuitBreaker");
        assertTrue(breaker.path("Enable").asBoolean(false) && breaker.path("Rollback").asBoolean(false),
                "the ECS service needs the deployment circuit breaker with rollback");
        assertTrue(intOf(service.path("HealthCheckGracePeriodSeconds")) > 0, "the ECS service needs a health check grace period");

        // Tasks accept traffic only from the load balancer's security group, on 8080.
        String taskGroup = refName(vpc.path("SecurityGroups").path(0));
        assertNotNull(taskGroup, "the service's security group must be a resource of the template");
        JsonNode inline = resource(taskGroup).path("Properties").path("SecurityGroupIngress");
        assertTrue(inline.isMissingNode() || inline.size() == 0,
                taskGroup + " must not open ingress inline; only from the load balancer's group");
        boolean fromLoadBalancer = false;
        for (Map.Entry<String, JsonNode> r : resources().entrySet()) {
            JsonNode props = r.getValue().path("Properties");
            if ("AWS::EC2::SecurityGroupIngress".equals(r.getValue().path("Type").asText())
                    && taskGroup.equals(refName(props.path("GroupId")))) {
                assertTrue(props.has("SourceSecurityGroupId") && !props.has("CidrIp") && !props.has("CidrIpv6"),
                        r.getKey() + ": the tasks may only be reached from the load balancer's security group");
                assertEquals(HTTP_PORT, intOf(props.path("FromPort")), r.getKey() + " must open port " + HTTP_PORT);
                assertEquals(HTTP_PORT, intOf(props.path("ToPort")), r.getKey() + " must open port " + HTTP_PORT);
                fromLoadBalancer = true;
            }
        }
        assertTrue(fromLoadBalancer, "no ingress rule lets the load balancer reach the tasks on " + HTTP_PORT);

        Set<String> metrics = new TreeSet<>();
        for (JsonNode policy : resourcesOfType("AWS::ApplicationAutoScaling::ScalingPolicy")) {
            metrics.add(policy.path("Properties").path("TargetTrackingScalingPolicyConfiguration")
                    .path("PredefinedMetricSpecification").path("PredefinedMetricType").asText());
        }
        assertTrue(metrics.contains("ECSServiceAverageCPUUtilization") && metrics.contains("ALBRequestCountPerTarget"),
                "auto scaling must track CPU and ALBRequestCountPerTarget, tracks " + metrics);
        assertTrue(ecs.path("Outputs").toString().contains("DNSName"), "the stack must output the load balancer's DNS name");
    }

    @Test
    void taskRoleS3AccessIsLimitedToTheMediaBucket() {
        String bucketParameter = null;
        for (JsonNode env : flatten(ecsContainer().path("Environment"))) {
            if ("MARQUEE_MEDIA_BUCKET".equals(env.path("Name").asText())) {
                bucketParameter = env.path("Value").path("Ref").asText(null);
            }
        }
        assertNotNull(bucketParameter, "MARQUEE_MEDIA_BUCKET must be `Ref:` to the bucket parameter");
        assertTrue(ecs.path("Parameters").has(bucketParameter), bucketParameter + " is not a parameter");
        Pattern bucketArn = Pattern.compile("^arn:(\\$\\{AWS::Partition}|aws[a-z-]*):s3:::\\$\\{"
                + Pattern.quote(bucketParameter) + "}(/.*)?$");

        Set<String> granted = new TreeSet<>();
        String taskRole = refName(singleResource("AWS::ECS::TaskDefinition").path("Properties").path("TaskRoleArn"));
        assertNotNull(taskRole, "the task definition's TaskRoleArn must be a role of this template");
        assertFalse(resource(taskRole).path("Properties").has("ManagedPolicyArns"),
                taskRole + " must not attach managed policies (their S3 scope cannot be checked)");
        for (Map.Entry<String, JsonNode> r : resources().entrySet()) {
            for (JsonNode statement : policyStatements(r.getValue())) {
                List<String> actions = textsOf(statement.path("Action"));
                boolean s3 = actions.stream().anyMatch(a -> a.equals("*") || a.toLowerCase().startsWith("s3:"));
                if (!s3) {
                    continue;
                }
                assertFalse(statement.has("NotResource") || statement.has("NotAction"),
                        r.getKey() + ": S3 statements must not use NotResource/NotAction");
                for (String action : actions) {
                    assertFalse(action.equals("*") || action.contains("*"), r.getKey() + " grants the wildcard action "
                            + action + "; list the S3 actions one by one");
                }
                List<JsonNode> resourcesOfStatement = flatten(statement.path("Resource"));
                assertFalse(resourcesOfStatement.isEmpty(), r.getKey() + ": an S3 statement has no Resource");
                for (JsonNode resource : resourcesOfStatement) {
                    String arn = subText(resource);
                    assertTrue(arn != null && bucketArn.matcher(arn).matches(), r.getKey() + " grants " + actions
                            + " on " + resource + "; S3 resources must be the media bucket parameter ${" + bucketParameter
                            + "} or its objects, never \"*\"");
                    if (r.getKey().equals(taskRole)) {
                        boolean objects = arn.endsWith("/*");
                        actions.forEach(a -> granted.add(a + (objects ? " on objects" : " on bucket")));
                    }
                }
            }
        }
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts")) {
            assertTrue(granted.contains(action + " on objects"), taskRole + " lacks " + action + " on the bucket's objects");
        }
        for (String action : List.of("s3:ListBucket", "s3:ListBucketMultipartUploads")) {
            assertTrue(granted.contains(action + " on bucket"), taskRole + " lacks " + action
                    + " on the bucket (HeadBucket in the readiness check needs s3:ListBucket)");
        }

        // The execution role reads exactly the listed secrets, never every secret.
        for (Map.Entry<String, JsonNode> r : resources().entrySet()) {
            for (JsonNode statement : policyStatements(r.getValue())) {
                if (textsOf(statement.path("Action")).stream().anyMatch(a -> a.toLowerCase().startsWith("secretsmanager:"))) {
                    for (JsonNode resource : flatten(statement.path("Resource"))) {
                        assertFalse(resource.isTextual() && resource.asText().contains("*"), r.getKey()
                                + " may read secrets " + resource.asText() + "; list the secret ARNs");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Path findProjectRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("k8s"))) {
                return d;
            }
        }
        return dir;
    }

    private static List<JsonNode> readAllDocuments(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(reader)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode() && node.size() > 0) {
                    docs.add(node);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(root.relativize(file) + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    private static boolean isKustomization(Doc doc) {
        String file = doc.file.getFileName().toString();
        return file.equals("kustomization.yaml") || file.equals("kustomization.yml") || "Kustomization".equals(doc.kind());
    }

    private static Doc single(String kind) {
        List<Doc> found = k8sDocs.stream().filter(d -> kind.equals(d.kind())).collect(Collectors.toList());
        assertEquals(1, found.size(), "expected exactly one " + kind + " under k8s/, found " + found.size());
        return found.get(0);
    }

    private static Doc named(String kind, String name) {
        return k8sDocs.stream().filter(d -> kind.equals(d.kind()) && name.equals(d.name())).findFirst()
                .orElseThrow(() -> new AssertionError("the Deployment uses " + kind + " \"" + name
                        + "\", which no file under k8s/ defines (a Secret needs at least a template)"));
    }

    private static JsonNode podSpec() {
        JsonNode spec = single("Deployment").node.path("spec").path("template").path("spec");
        assertTrue(spec.path("containers").isArray() && spec.path("containers").size() > 0, "the Deployment has no containers");
        return spec;
    }

    private static JsonNode appContainer() {
        JsonNode containers = podSpec().path("containers");
        for (JsonNode container : containers) {
            if (containerPorts(container).containsValue(HTTP_PORT)) {
                return container;
            }
        }
        return containers.get(0);
    }

    private static Map<String, Integer> containerPorts(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode port : container.path("ports")) {
            ports.put(port.path("name").asText("#" + i++), port.path("containerPort").asInt(-1));
        }
        return ports;
    }

    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.canConvertToInt() && !port.isTextual()) {
            return port.asInt();
        }
        String text = port.asText("");
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        Integer named = containerPorts(container).get(text);
        return named == null ? -1 : named;
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertFalse(httpGet.isMissingNode(), "the container has no " + probe + " with httpGet");
        assertEquals(path, httpGet.path("path").asText(), probe + " must GET " + path);
        assertEquals(HTTP_PORT, resolvePort(container, httpGet.path("port")), probe + " must use port " + HTTP_PORT);
    }

    private static void assertSelectorMatchesPods(String where, JsonNode selector) {
        JsonNode labels = single("Deployment").node.path("spec").path("template").path("metadata").path("labels");
        assertTrue(selector.isObject() && selector.size() > 0, where + ": empty selector");
        selector.properties().forEach(e -> assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(null),
                where + ": selector " + e.getKey() + "=" + e.getValue().asText() + " does not match the pod labels"));
    }

    private static Set<String> configMapOrSecretKeys(JsonNode node) {
        Set<String> keys = new LinkedHashSet<>();
        node.path("data").fieldNames().forEachRemaining(keys::add);
        node.path("stringData").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String configValue(String key) {
        for (Doc doc : k8sDocs) {
            if ("ConfigMap".equals(doc.kind()) && doc.node.path("data").has(key)) {
                return doc.node.path("data").get(key).asText();
            }
        }
        return null;
    }

    /** No PEM private key, and no run of 40+ base64 characters mixing digits, upper and lower case. */
    private static void assertNoSecretMaterial(String where, String value) {
        assertFalse(value.contains("-----BEGIN") && value.contains("PRIVATE KEY"), where + " contains a PEM private key");
        Matcher m = BASE64_RUN.matcher(value);
        while (m.find()) {
            String run = m.group();
            boolean random = run.chars().anyMatch(Character::isDigit) && run.chars().anyMatch(Character::isUpperCase)
                    && run.chars().anyMatch(Character::isLowerCase);
            assertFalse(random, where + " contains a long base64 string (" + run
                    + "): real secrets and keys must not be committed");
        }
    }

    private static void assertNoSecretMaterialInValues(String where, JsonNode node) {
        if (node.isTextual()) {
            assertNoSecretMaterial(where, node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> assertNoSecretMaterialInValues(where, child));
        }
    }

    /** USER of the final stage of every src/main/docker/Dockerfile* (null when there is none). */
    private static Map<Path, String> dockerfileUsers() {
        Map<Path, String> users = new LinkedHashMap<>();
        Path dir = root.resolve("src/main/docker");
        assertTrue(Files.isDirectory(dir), "src/main/docker is missing");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("Dockerfile")).sorted()
                    .collect(Collectors.toList())) {
                String user = null;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String trimmed = line.trim();
                    if (trimmed.regionMatches(true, 0, "FROM ", 0, 5)) {
                        user = null;
                    } else if (trimmed.regionMatches(true, 0, "USER ", 0, 5)) {
                        user = trimmed.substring(5).trim();
                    }
                }
                users.put(file, user);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read src/main/docker: " + e.getMessage(), e);
        }
        assertFalse(users.isEmpty(), "no Dockerfile in src/main/docker");
        return users;
    }

    /** quarkus.shutdown.delay + quarkus.shutdown.timeout in whole seconds, from application.properties. */
    private static long shutdownBudgetSeconds() {
        Path file = root.resolve("src/main/resources/application.properties");
        assertTrue(Files.isRegularFile(file), "src/main/resources/application.properties is missing");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read application.properties: " + e.getMessage(), e);
        }
        Duration delay = duration(properties, "quarkus.shutdown.delay");
        Duration timeout = duration(properties, "quarkus.shutdown.timeout");
        if (!delay.isZero()) {
            String enabled = property(properties, "quarkus.shutdown.delay-enabled");
            assertEquals("true", enabled == null ? null : enabled.trim(), "application.properties sets "
                    + "quarkus.shutdown.delay but not quarkus.shutdown.delay-enabled=true (a build-time switch): without"
                    + " it Quarkus ignores the delay and readiness never turns DOWN before the server stops");
        }
        long millis = delay.plus(timeout).toMillis();
        return (millis + 999) / 1000;
    }

    private static String property(Properties properties, String key) {
        String value = properties.getProperty("%prod." + key);
        return value != null ? value : properties.getProperty(key);
    }

    private static Duration duration(Properties properties, String key) {
        String raw = property(properties, key);
        assertNotNull(raw, "application.properties must set " + key + " (the deployment files' shutdown timing derives from it)");
        String v = raw.trim();
        try {
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            if (v.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.matches("(?i)\\d+[hms]")) {
                return Duration.parse("PT" + v);
            }
            if (v.matches("(?i)\\d+d")) {
                return Duration.parse("P" + v);
            }
            if (v.matches("(?i)p.*")) {
                return Duration.parse(v);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new AssertionError(key + "=" + raw + " in application.properties is not a duration this test understands"
                + " (e.g. 30s, 500ms, PT30S)");
    }

    // CloudFormation helpers

    private static Map<String, JsonNode> resources() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        ecs.path("Resources").properties().forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    private static JsonNode resource(String logicalId) {
        JsonNode r = ecs.path("Resources").path(logicalId);
        assertFalse(r.isMissingNode(), "deploy/ecs/marquee.yaml has no resource " + logicalId);
        return r;
    }

    private static List<JsonNode> resourcesOfType(String type) {
        return resources().values().stream().filter(r -> type.equals(r.path("Type").asText())).collect(Collectors.toList());
    }

    private static JsonNode singleResource(String type) {
        List<JsonNode> found = resourcesOfType(type);
        assertEquals(1, found.size(), "expected exactly one " + type + " in deploy/ecs/marquee.yaml, found " + found.size());
        return found.get(0);
    }

    private static JsonNode ecsContainer() {
        JsonNode containers = singleResource("AWS::ECS::TaskDefinition").path("Properties").path("ContainerDefinitions");
        assertTrue(containers.isArray() && containers.size() > 0, "the ECS task definition has no ContainerDefinitions");
        for (JsonNode container : containers) {
            for (JsonNode mapping : container.path("PortMappings")) {
                if (intOf(mapping.path("ContainerPort")) == HTTP_PORT) {
                    return container;
                }
            }
        }
        return containers.get(0);
    }

    /** A list whose entries may be Fn::If (both branches count) or Ref AWS::NoValue (dropped). */
    private static List<JsonNode> flatten(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(e -> out.addAll(flatten(e)));
        } else if (node.isObject() && node.size() == 1 && node.has("Fn::If") && node.get("Fn::If").size() == 3) {
            out.addAll(flatten(node.get("Fn::If").get(1)));
            out.addAll(flatten(node.get("Fn::If").get(2)));
        } else if (!(node.isObject() && node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText()))) {
            out.add(node);
        }
        return out;
    }

    private static Set<String> namesOf(JsonNode list) {
        Set<String> names = new TreeSet<>();
        flatten(list).forEach(e -> names.add(e.path("Name").asText()));
        return names;
    }

    private static List<String> textsOf(JsonNode node) {
        List<String> texts = new ArrayList<>();
        flatten(node).forEach(e -> texts.add(e.asText()));
        return texts;
    }

    private static int intOf(JsonNode node) {
        if (node.isNumber()) {
            return node.asInt();
        }
        String text = node.asText("");
        return text.matches("-?\\d+") ? Integer.parseInt(text) : Integer.MIN_VALUE;
    }

    /** Logical id named by Ref, Fn::GetAtt [Id, Attr] or "Id.Attr"; null otherwise. */
    private static String refName(JsonNode node) {
        if (node.has("Ref")) {
            return node.get("Ref").asText();
        }
        JsonNode getAtt = node.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() > 0) {
            return getAtt.get(0).asText();
        }
        if (getAtt.isTextual()) {
            return getAtt.asText().split("\\.", 2)[0];
        }
        return null;
    }

    /** The text of a Fn::Sub (short or list form), or of a plain string; null for anything else. */
    private static String subText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode sub = node.path("Fn::Sub");
        if (sub.isTextual()) {
            return sub.asText();
        }
        if (sub.isArray() && sub.size() > 0 && sub.get(0).isTextual()) {
            return sub.get(0).asText();
        }
        return null;
    }

    /** Statements of inline role policies and of AWS::IAM::Policy / ManagedPolicy resources. */
    private static List<JsonNode> policyStatements(JsonNode resource) {
        List<JsonNode> statements = new ArrayList<>();
        String type = resource.path("Type").asText();
        JsonNode props = resource.path("Properties");
        if ("AWS::IAM::Role".equals(type) || "AWS::IAM::User".equals(type) || "AWS::IAM::Group".equals(type)) {
            for (JsonNode policy : flatten(props.path("Policies"))) {
                statements.addAll(flatten(policy.path("PolicyDocument").path("Statement")));
            }
        } else if ("AWS::IAM::Policy".equals(type) || "AWS::IAM::ManagedPolicy".equals(type)
                || "AWS::S3::BucketPolicy".equals(type)) {
            statements.addAll(flatten(props.path("PolicyDocument").path("Statement")));
        }
        return statements;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("Ref") && e.getValue().isTextual()) {
                    refs.add(e.getValue().asText());
                } else if (e.getKey().equals("Fn::Sub")) {
                    JsonNode sub = e.getValue();
                    String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
                    Set<String> local = new TreeSet<>();
                    if (sub.isArray() && sub.size() > 1) {
                        sub.get(1).fieldNames().forEachRemaining(local::add);
                        collectRefs(sub.get(1), refs);
                    }
                    Matcher m = Pattern.compile("\\$\\{([^}!.]+)(\\.[^}]*)?}").matcher(text);
                    while (m.find()) {
                        if (!local.contains(m.group(1))) {
                            refs.add(m.group(1));
                        }
                    }
                } else if (e.getKey().equals("Fn::GetAtt")) {
                    JsonNode getAtt = e.getValue();
                    if (getAtt.isArray() && getAtt.size() > 0) {
                        refs.add(getAtt.get(0).asText());
                    } else if (getAtt.isTextual()) {
                        refs.add(getAtt.asText().split("\\.", 2)[0]);
                    }
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(e -> collectRefs(e, refs));
        }
    }

    private static String stripYamlComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
