package org.adjoint4j.modelfile;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a PEtab problem as bytes, so the problem can travel to another JVM (a Spark
 * executor) and be read there exactly as it was read here: the yaml, the SBML model and the tables,
 * each under its path relative to the directory that holds them all. {@link #read} writes them to a
 * fresh temporary directory, reads the problem and deletes the directory. Immutable.
 */
public final class PetabFiles implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The yaml's path, relative. */
    private final String yaml;
    /** Each file's contents by its relative path. */
    private final TreeMap<String, byte[]> files;
    /** SHA-256 of the paths and contents. */
    private final String digest;

    private PetabFiles(String yaml, TreeMap<String, byte[]> files) {
        this.yaml = yaml;
        this.files = files;
        this.digest = digestOf(files);
    }

    /**
     * @param yaml the yaml file
     * @param read the files the problem was read from (the yaml among them), as absolute paths
     * @return their contents, relative to their deepest common directory
     */
    static PetabFiles of(Path yaml, List<Path> read) {
        Path root = yaml.toAbsolutePath().normalize().getParent();
        for (Path p : read) {
            Path a = p.toAbsolutePath().normalize();
            while (!a.startsWith(root)) {
                root = root.getParent();
            }
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (Path p : read) {
            Path a = p.toAbsolutePath().normalize();
            try {
                files.put(root.relativize(a).toString().replace('\\', '/'), Files.readAllBytes(a));
            } catch (IOException e) {
                throw new IllegalArgumentException("PEtab file " + a + " cannot be read: " + e.getMessage());
            }
        }
        return new PetabFiles(root.relativize(yaml.toAbsolutePath().normalize()).toString().replace('\\', '/'), files);
    }

    /** @return the yaml's path, relative */
    public String yaml() {
        return yaml;
    }

    /** @return the relative paths of the files, sorted */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** @return the total size of the files in bytes */
    public long bytes() {
        long n = 0;
        for (byte[] b : files.values()) {
            n += b.length;
        }
        return n;
    }

    /** @return SHA-256 of the paths and contents, in hex: equal for equal problems */
    public String digest() {
        return digest;
    }

    /**
     * Reads the problem from these bytes, in a temporary directory that is deleted afterwards.
     *
     * @return the problem
     */
    public PetabProblem read() {
        Path dir;
        try {
            dir = Files.createTempDirectory("adjoint4j-petab-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for a PEtab problem", e);
        }
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey()).normalize();
                if (!p.startsWith(dir)) {
                    throw new IllegalArgumentException("PEtab file path '" + e.getKey() + "' leaves its directory");
                }
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
                written.add(p);
            }
            return PetabProblem.read(dir.resolve(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("a PEtab problem cannot be written to " + dir, e);
        } finally {
            Collections.reverse(written);
            for (Path p : written) {
                deleteQuietly(p);
            }
            // Directories made for nested paths, deepest first.
            List<Path> dirs = new ArrayList<>();
            for (String k : files.keySet()) {
                for (Path q = dir.resolve(k).getParent(); q != null && q.startsWith(dir) && !q.equals(dir);
                        q = q.getParent()) {
                    if (!dirs.contains(q)) {
                        dirs.add(q);
                    }
                }
            }
            dirs.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path q : dirs) {
                deleteQuietly(q);
            }
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary file is harmless; the problem was read.
        }
    }

    private static String digestOf(TreeMap<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
