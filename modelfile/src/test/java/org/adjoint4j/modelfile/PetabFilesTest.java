package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PEtab problem's files travel (Java serialization, as Spark sends them) and are read again into
 * the same problem: the same files, digest and nllh bits; a changed byte changes the digest.
 */
class PetabFilesTest {

    @Test
    void aProblemReadFromItsTravelledFilesIsTheSame() throws Exception {
        PetabProblem bruno = PetabProblem.read(PetabProblemTest.BRUNO);
        PetabFiles files = bruno.files();
        assertEquals(List.of("Bruno_JExpBot2016.yaml", "experimentalCondition_Bruno_JExpBot2016.tsv",
                "measurementData_Bruno_JExpBot2016.tsv", "model_Bruno_JExpBot2016.xml",
                "observables_Bruno_JExpBot2016.tsv", "parameters_Bruno_JExpBot2016.tsv"), files.paths());
        assertEquals("Bruno_JExpBot2016.yaml", files.yaml());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(files);
        }
        PetabFiles travelled;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            travelled = (PetabFiles) in.readObject();
        }
        assertEquals(files.digest(), travelled.digest());
        PetabProblem again = travelled.read();
        assertEquals(files.digest(), again.files().digest());
        assertEquals(bruno.estimatedIds(), again.estimatedIds());
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4);
        assertEquals(PetabProblemTest.nllh(bruno, options), PetabProblemTest.nllh(again, options), 0.0);
    }

    @Test
    void aChangedByteChangesTheDigest(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("Bruno_JExpBot2016");
        Files.createDirectories(copy);
        try (var s = Files.list(PetabProblemTest.BRUNO)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        String digest = PetabProblem.read(copy).files().digest();
        assertEquals(PetabProblem.read(PetabProblemTest.BRUNO).files().digest(), digest);
        Path measurements = copy.resolve("measurementData_Bruno_JExpBot2016.tsv");
        Files.writeString(measurements, Files.readString(measurements) + "\n");
        String changed = PetabProblem.read(copy).files().digest();
        assertNotEquals(digest, changed);
        assertTrue(changed.matches("[0-9a-f]{64}"), changed);
    }
}
