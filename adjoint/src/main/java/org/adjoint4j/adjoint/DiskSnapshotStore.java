package org.adjoint4j.adjoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Snapshots on disk, one file per slot, in a versioned binary format with a checksum:
 * <pre>
 *   offset  size  field
 *   0       4     magic "A4JS"
 *   4       4     format version (1)
 *   8       8     step whose state this is
 *   16      4     dimension d
 *   20      8 d   the state, big-endian IEEE 754 doubles
 *   20+8d   4     CRC-32 of bytes 0 .. 20+8d-1
 * </pre>
 * A write goes to a temporary file that is then moved over the slot's file atomically, so a crash
 * never leaves half a snapshot under the slot's name. A read checks size, magic, version, step,
 * dimension and checksum, and throws {@link SnapshotException} naming the file on any mismatch.
 * Each store owns a fresh directory of its own (inside the given one, or in the system's temporary
 * directory), so two runs given the same directory never touch each other's files;
 * {@link #close()} deletes that directory and its files, which are also registered for deletion at
 * JVM exit in case the run is interrupted.
 */
final class DiskSnapshotStore implements AutoCloseable {

    private static final int MAGIC = 0x41344A53; // "A4JS"
    private static final int VERSION = 1;
    private static final int HEADER = 20;

    private final Path directory;
    private final int dimension;
    private final ByteBuffer buffer;
    private final CRC32 crc = new CRC32();
    private long bytesWritten;

    /**
     * @param directory where this store makes its own directory, or null for the system's temporary
     *        directory
     * @param dimension length of every state
     */
    DiskSnapshotStore(Path directory, int dimension) {
        this.dimension = dimension;
        this.buffer = ByteBuffer.allocate(HEADER + 8 * dimension + 4);
        try {
            if (directory == null) {
                this.directory = Files.createTempDirectory("adjoint4j-snapshots-");
            } else {
                Files.createDirectories(directory);
                this.directory = Files.createTempDirectory(directory, "adjoint4j-snapshots-");
            }
            this.directory.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new SnapshotException(directory == null ? Path.of(System.getProperty("java.io.tmpdir")) : directory,
                    "cannot create the snapshot directory: " + e.getMessage(), e);
        }
    }

    /** @return the directory holding the files */
    Path directory() {
        return directory;
    }

    /** @return bytes of one snapshot file */
    long fileBytes() {
        return buffer.capacity();
    }

    /** @return the file of a slot */
    Path file(int slot) {
        return directory.resolve("slot-" + slot + ".a4js");
    }

    /**
     * Writes a state into a slot's file, atomically.
     *
     * @param slot the slot
     * @param step the step whose state it is
     * @param state the state (not modified)
     */
    void write(int slot, long step, double[] state) {
        Path target = file(slot);
        Path temporary = directory.resolve("slot-" + slot + ".a4js.tmp");
        buffer.clear();
        buffer.putInt(MAGIC).putInt(VERSION).putLong(step).putInt(dimension);
        for (int i = 0; i < dimension; i++) {
            buffer.putDouble(state[i]);
        }
        crc.reset();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        buffer.flip();
        try {
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
            temporary.toFile().deleteOnExit();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().deleteOnExit();
            bytesWritten += buffer.capacity();
        } catch (IOException e) {
            throw new SnapshotException(target, "cannot write (disk full or not writable?): " + e.getMessage(), e);
        }
    }

    /**
     * Reads a slot's state back, checking every field.
     *
     * @param slot the slot
     * @param step the step the schedule expects the slot to hold
     * @param state receives the state (modified)
     */
    void read(int slot, long step, double[] state) {
        Path source = file(slot);
        buffer.clear();
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != buffer.capacity()) {
                throw new SnapshotException(source, "is " + size + " bytes, expected " + buffer.capacity()
                        + " (truncated or not a snapshot of this run)", null);
            }
            while (buffer.hasRemaining()) {
                if (ch.read(buffer) < 0) {
                    throw new SnapshotException(source, "ended early (truncated)", null);
                }
            }
        } catch (NoSuchFileException e) {
            throw new SnapshotException(source, "is missing", e);
        } catch (IOException e) {
            throw new SnapshotException(source, "cannot be read: " + e.getMessage(), e);
        }
        buffer.flip();
        crc.reset();
        crc.update(buffer.array(), 0, buffer.capacity() - 4);
        int magic = buffer.getInt();
        int version = buffer.getInt();
        long storedStep = buffer.getLong();
        int storedDimension = buffer.getInt();
        if (magic != MAGIC) {
            throw new SnapshotException(source, "is not an adjoint4j snapshot (bad magic number)", null);
        }
        if (version != VERSION) {
            throw new SnapshotException(source, "has format version " + version + ", this build reads " + VERSION, null);
        }
        int storedCrc = buffer.getInt(buffer.capacity() - 4);
        if (storedCrc != (int) crc.getValue()) {
            throw new SnapshotException(source, "is corrupted (checksum mismatch)", null);
        }
        if (storedStep != step || storedDimension != dimension) {
            throw new SnapshotException(source, "holds step " + storedStep + " of dimension " + storedDimension
                    + ", expected step " + step + " of dimension " + dimension, null);
        }
        for (int i = 0; i < dimension; i++) {
            state[i] = buffer.getDouble();
        }
    }

    @Override
    public void close() {
        try (var files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("slot-") && (name.endsWith(".a4js") || name.endsWith(".a4js.tmp"))) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Cleanup is best effort; deleteOnExit remains registered for every file.
        }
    }
}
