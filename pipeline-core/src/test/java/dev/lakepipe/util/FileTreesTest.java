package dev.lakepipe.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path temp;

    @Test
    void deletesAFolderWithNestedFilesAndFolders() throws Exception {
        var root = temp.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file.txt"), "x");
        Files.writeString(root.resolve("top.txt"), "y");

        FileTrees.deleteRecursively(root);

        assertThat(root).doesNotExist();
        assertThat(temp).exists();
    }

    @Test
    void aMissingFolderIsNothingToDo() {
        FileTrees.deleteRecursively(temp.resolve("missing"));

        assertThat(temp.resolve("missing")).doesNotExist();
    }
}
