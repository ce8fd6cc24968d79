package io.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the local stack's components, from /proc: each component is the process whose PID the
 * launcher recorded ({@code $SWITCHBOARD_STATE/run/<component>.pid}) and every process below it (the
 * PostgreSQL postmaster's backends, WAL senders and background workers; Keycloak's JVM under kc.sh). Only
 * these PIDs are counted, so other stacks on the machine do not show up here.
 *
 * <p>A process's time is {@code utime + stime} of all its threads, plus {@code cutime + cstime}: the time
 * of its children that ended and were reaped. Summed over the live tree this total only grows — a backend
 * that exits during the window moves its time from its own line to its parent's — so the difference of
 * two samples is the component's CPU time in between, short-lived processes included.
 */
public final class StackCpu {
    /** The launcher's components, in its start order. */
    public static final List<String> COMPONENTS = List.of("postgres", "kafka", "connect", "keycloak", "s3",
            "chat", "media", "interaction", "redaction", "reporting");

    private static final Path PROC = Path.of("/proc");

    private final Path runDir;
    private final long ticksPerSecond;

    public StackCpu(Path runDir, long ticksPerSecond) {
        this.runDir = runDir;
        this.ticksPerSecond = ticksPerSecond;
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Root PID per component that is running (its PID file exists and the process is alive). */
    public Map<String, Integer> roots() throws IOException {
        Map<String, Integer> roots = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            Path file = runDir.resolve(component + ".pid");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String text = Files.readString(file).trim();
            if (text.isEmpty()) {
                continue;
            }
            int pid = Integer.parseInt(text);
            if (Files.isDirectory(PROC.resolve(Integer.toString(pid)))) {
                roots.put(component, pid);
            }
        }
        return roots;
    }

    /** One sample of every component: total ticks of its process tree, and the tree's processes. */
    public Map<String, Sample> sample(Map<String, Integer> roots) throws IOException {
        Map<Integer, Proc> all = processes();
        Map<Integer, List<Integer>> children = new HashMap<>();
        all.values().forEach(p -> children.computeIfAbsent(p.ppid, k -> new ArrayList<>()).add(p.pid));
        Map<String, Sample> samples = new LinkedHashMap<>();
        roots.forEach((component, root) -> {
            long ticks = 0;
            Map<Integer, Proc> tree = new LinkedHashMap<>();
            List<Integer> todo = new ArrayList<>(List.of(root));
            while (!todo.isEmpty()) {
                Proc p = all.get(todo.remove(todo.size() - 1));
                if (p == null || tree.containsKey(p.pid)) {
                    continue;
                }
                tree.put(p.pid, p);
                ticks += p.ticks();
                todo.addAll(children.getOrDefault(p.pid, List.of()));
            }
            samples.put(component, new Sample(ticks, tree));
        });
        return samples;
    }

    /** Per thread (name from /proc/PID/task/TID/comm) of one process: utime + stime ticks. */
    public static Map<Integer, ThreadTicks> threads(int pid) {
        Map<Integer, ThreadTicks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String[] f = fields(Files.readString(task.resolve("stat")));
                    String name = Files.readString(task.resolve("comm")).trim();
                    threads.put(Integer.parseInt(task.getFileName().toString()),
                            new ThreadTicks(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return threads;
    }

    private static Map<Integer, Proc> processes() throws IOException {
        Map<Integer, Proc> all = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = fields(stat);
                    int pid = Integer.parseInt(dir.getFileName().toString());
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    all.put(pid, new Proc(pid, Integer.parseInt(f[1]), name,
                            Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])));
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return all;
    }

    /** The fields after "(comm)": [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** The process's title as ps shows it (PostgreSQL sets "postgres: walsender chat …"). */
    public static String title(int pid, String fallback) {
        try {
            String cmdline = Files.readString(PROC.resolve(pid + "/cmdline")).replace('\0', ' ').trim();
            return cmdline.isEmpty() ? fallback : cmdline;
        } catch (IOException gone) {
            return fallback;
        }
    }

    public record Proc(int pid, int ppid, String name, long utime, long stime, long cutime, long cstime) {
        public long ticks() {
            return utime + stime + cutime + cstime;
        }
    }

    public record Sample(long ticks, Map<Integer, Proc> processes) {
    }

    public record ThreadTicks(String name, long ticks) {
    }

    /** The kernel's clock ticks per second (USER_HZ), in which /proc reports CPU time. */
    public static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The machine, from /proc/stat's first line, summed over the cores: [busy, idle + iowait, steal] ticks. */
    public static long[] machine() {
        try {
            String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return new long[] {busy, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8])};
        } catch (IOException | RuntimeException e) {
            return new long[3];
        }
    }

    /** The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg says it ("?" if unreadable). */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(PROC.resolve("loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
