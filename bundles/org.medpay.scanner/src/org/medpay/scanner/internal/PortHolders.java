package org.medpay.scanner.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which other programs have a serial device open, read from /proc (Linux): the N-4 message can then name
 * the program to quit. On Linux a tty is not exclusive unless its holder locks it, so a program that opened
 * the port without a lock silently shares it and eats scans; this is how the till sees that too. Elsewhere
 * (Windows: COM ports are exclusive and the OS does not say who holds one) and for processes of other users
 * that a non-root till cannot inspect, the list is simply shorter.
 */
public final class PortHolders {

    private PortHolders() {
    }

    /** "name (pid)" of every other process with {@code device} open; empty when unknown. */
    public static List<String> others(String device) {
        List<String> out = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return out;
        }
        Path target;
        try {
            Path p = Path.of(device.indexOf('/') >= 0 ? device : "/dev/" + device);
            target = p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return out;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, f -> f.getFileName().toString().matches("\\d+"))) {
            for (Path pidDir : pids) {
                long pid = Long.parseLong(pidDir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                if (holds(pidDir.resolve("fd"), target)) {
                    String name;
                    try {
                        name = Files.readString(pidDir.resolve("comm")).trim();
                    } catch (IOException e) {
                        name = "?";
                    }
                    out.add(name + " (" + pid + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc changes under our feet; a partial answer is still an answer
        }
        return out;
    }

    private static final Path PTMX = Path.of("/dev/ptmx");

    /**
     * True if the process has {@code target} open. For a pseudo-terminal (a virtual COM bridge such as socat),
     * the process that also holds the master side (/dev/ptmx) provides the port and is no competitor.
     */
    private static boolean holds(Path fdDir, Path target) {
        boolean slave = false;
        boolean master = false;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    Path link = Files.readSymbolicLink(fd);
                    slave |= target.equals(link);
                    master |= PTMX.equals(link);
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not ours to look at
        }
        return slave && !(master && target.startsWith("/dev/pts/"));
    }
}
