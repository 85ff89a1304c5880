package dev.lakepipe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files under src/test/resources/golden/; regenerate with {@code -Dgolden.update=true} and review the diff. */
final class GoldenFiles {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private GoldenFiles() {}

    static void assertMatches(String fileName, String actual) throws IOException {
        var golden = GOLDEN.resolve(fileName);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
