package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The picocli the command runs with is compiled for Java 21 (module {@code tuesday-picocli}): the
 * JVM leaves class files older than Java 6's out of a class-data archive ("Old class has been
 * linked"), and picocli's own jar has Java 5's, so every command loaded and verified them again.
 */
class PicocliClassVersionTest {

    @Test
    void picocliOnTheClassPathIsCompiledForJava21() throws Exception {
        for (String name : new String[] {"picocli/CommandLine.class", "picocli/CommandLine$Model$CommandSpec.class",
                "picocli/CommandLine$Help.class"}) {
            try (InputStream in = CommandTree.class.getClassLoader().getResourceAsStream(name);
                    DataInputStream data = new DataInputStream(in)) {
                assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
                data.readUnsignedShort(); // minor
                assertThat(data.readUnsignedShort()).as(name + "'s class-file major version").isEqualTo(65);
            }
        }
    }
}
