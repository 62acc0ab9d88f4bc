package io.marquee.deploy;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment files against real schemas: cfn-lint for the CloudFormation template, the Kubernetes OpenAPI
 * schemas (npm kubernetes-models) and kustomize for k8s/, through {@code deploy/validate.sh}. Runs where those tools
 * are installed ({@code .ci/run} installs the npm part before the build, so this test downloads nothing).
 */
class DeploymentSchemaTest {

    @Test
    void deploymentFilesPassRealSchemaValidators() throws Exception {
        assumeTrue(onPath("cfn-lint") && onPath("kubectl") && onPath("node"),
                "cfn-lint, kubectl and node are needed for schema validation");
        Process process = new ProcessBuilder("bash", "deploy/validate.sh").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("all deployment files valid");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
