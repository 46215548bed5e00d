package org.adjoint4j.adjoint;

import java.nio.file.Path;

/**
 * A disk snapshot could not be written or read back intact: missing, truncated, corrupted
 * (checksum), of another format version, or the disk is full. The message names the file.
 * A snapshot that fails its checks is never used as data.
 */
public class SnapshotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path the snapshot file
     * @param message what is wrong
     * @param cause the I/O error, or null
     */
    public SnapshotException(Path path, String message, Throwable cause) {
        super("snapshot " + path + ": " + message, cause);
        this.path = path;
    }

    /** @return the snapshot file */
    public Path path() {
        return path;
    }
}
