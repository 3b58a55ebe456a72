package dev.scms.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One native library bundled as a class-path resource and copied once into a folder that SCMS
 * owns. The copy is reused at every later start while its size matches the resource, and the
 * caller names the folder after the resource's CRC-32, so a library of another version lands in a
 * folder of its own.
 */
record NativeFile(URL resource, String fileName) {

    /** Returns the resource at {@code path} on the class path of {@code anchor}, if it is bundled. */
    static Optional<NativeFile> bundled(Class<?> anchor, String path) {
        URL url = anchor.getResource(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return Optional.ofNullable(url).map(found -> new NativeFile(found, name));
    }

    /**
     * Returns the CRC-32 that the jar's directory records for the resource, as eight hex digits,
     * or its size when the resource is not in a jar.
     */
    String fingerprint() throws IOException {
        URLConnection connection = resource.openConnection();
        if (connection instanceof JarURLConnection jar) {
            return String.format("%08x", jar.getJarEntry().getCrc());
        }
        return Long.toHexString(connection.getContentLengthLong());
    }

    /**
     * Copies the resource to {@code folder} unless a copy of the same size is there, and returns
     * the copy. It writes a temporary file first and moves it into place, so a process that is
     * killed while copying, or another process copying at the same time, leaves no partial library.
     */
    Path copyInto(Path folder) throws IOException {
        Path target = folder.resolve(fileName);
        long size = resource.openConnection().getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(folder);
        // NOTE: a kill during the copy leaves this temporary file; nothing deletes it later.
        Path partial = Files.createTempFile(folder, "." + fileName, ".part");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }
}
