#!/usr/bin/env python3
"""bench-remote: remote logdirs (host:/path) over a real sshd on 127.0.0.1, as JSON.

  full_load        `hafs-viz runs --json testhost:<logdir>` with an empty cache, against `ssh testhost
                   cat` of the same files on the same (already open) connection, and the ratio; then
                   the same command again with the copy kept (only checked)
  idle_poll_bytes  the TUI on 20 live JSONL runs with nothing changing: TCP payload both ways on the
                   ssh connection over `--idle-seconds`, per poll (one poll every 0.5 s)
  write_to_screen  a writer appends one line on the "remote" side; seconds until the TUI writes the
                   frame that shows it (HAFS_VIZ_TRACE frame times; same clock)
  remote_idle_cpu  CPU of the remote side (the session's sshd, its shell and what the shell ran)
                   over the idle period, in % of one core

The big logdir is the one Scripts/bench-runs writes (20 runs x 10 tags x 100,000 steps of event
files under Fixtures/generated/); run that first. The server is our own sshd with keys in a
temporary folder, reached through HAFS_VIZ_SSH; nothing of the system's ssh setup is used.

Usage: Scripts/bench_remote.py [--binary .build/release/hafs-viz] [--idle-seconds 30]"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "hafs-viz"))
parser.add_argument("--idle-seconds", type=float, default=30)
parser.add_argument("--logdir", default=os.path.join(root, "Fixtures", "generated", "runs-20x10x100000"))
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="hafs-bench-remote-")
results = {}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_sshd():
    """Our own sshd: host key, client key, configs, all in `work`."""
    for key in ("host_key", "id"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", f"{work}/{key}"], check=True)
    shutil.copy(f"{work}/id.pub", f"{work}/authorized_keys")
    port = free_port()
    host_key = " ".join(open(f"{work}/host_key.pub").read().split()[:2])
    open(f"{work}/known_hosts", "w").write(f"[127.0.0.1]:{port} {host_key}\n")
    open(f"{work}/sshd_config", "w").write(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {work}/host_key\nAuthorizedKeysFile {work}/authorized_keys\n"
        f"PidFile {work}/sshd.pid\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nPermitRootLogin prohibit-password\n")
    open(f"{work}/ssh_config", "w").write(
        f"Host testhost\n  HostName 127.0.0.1\n  Port {port}\n  User {os.environ.get('USER', 'root')}\n  IdentityFile {work}/id\n"
        f"  IdentitiesOnly yes\n  UserKnownHostsFile {work}/known_hosts\n  StrictHostKeyChecking yes\n  LogLevel ERROR\n")
    os.makedirs("/run/sshd", exist_ok=True)
    server = subprocess.Popen(["/usr/sbin/sshd", "-D", "-f", f"{work}/sshd_config", "-E", f"{work}/sshd.log"])
    for _ in range(100):
        if subprocess.run(["ssh", "-F", f"{work}/ssh_config", "-o", "BatchMode=yes", "testhost", "true"]).returncode == 0:
            return server, port
        time.sleep(0.1)
    sys.exit("bench-remote: sshd did not start: " + open(f"{work}/sshd.log").read())


server, port = start_sshd()
runtime = f"{work}/runtime"
os.makedirs(runtime, mode=0o700)
env = dict(os.environ, HAFS_VIZ_SSH=f"ssh -F {work}/ssh_config", XDG_RUNTIME_DIR=runtime, XDG_CACHE_HOME=f"{work}/cache",
           HOME=f"{work}/home")
os.makedirs(env["HOME"])
control = [f"-oControlPath=/tmp/hafs-viz-ssh-{os.getuid()}/%C"]  # the runtime folder is too long for a socket: /tmp, as hafs-viz does


def session_cpu_ticks():
    """utime+stime of the sshd session processes and their shells, children included (find, cksum...)."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
            cmd = open(f"/proc/{pid}/cmdline").read()
        except OSError:
            continue
        # Children of our listener (sessions), and the shells those sessions run.
        if ppid == server.pid or (cmd.startswith("sh") and ppid != 1 and is_session(ppid)):
            total += sum(int(x) for x in fields[11:15])
    return total


def is_session(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[1]) in (server.pid,) or is_session_parent(int(fields[1]))
    except OSError:
        return False


def is_session_parent(pid):
    try:
        return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1]) == server.pid
    except OSError:
        return False


def tcp_bytes():
    """Bytes acked + received on every TCP connection to our sshd's port (both directions of the wire)."""
    out = subprocess.run(["ss", "-tinH", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True).stdout
    sent = sum(int(x) for x in re.findall(r"bytes_acked:(\d+)", out))
    received = sum(int(x) for x in re.findall(r"bytes_received:(\d+)", out))
    return sent + received


try:
    # --- full load over SSH vs cat on the same connection ---------------------------------------
    if os.path.exists(args.logdir):
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(args.logdir) for f in fs if "tfevents" in f)
        size = sum(os.path.getsize(f) for f in files)
        subprocess.run(["ssh", "-F", f"{work}/ssh_config", *control, "-oControlMaster=auto", "-oControlPersist=120",
                        "testhost", "true"], env=env, check=True)
        loads = []
        for _ in range(3):
            shutil.rmtree(f"{work}/cache", ignore_errors=True)
            start = time.time()
            subprocess.run([args.binary, "runs", "--json", "testhost:" + args.logdir], env=env, check=True, stdout=subprocess.DEVNULL)
            loads.append(time.time() - start)
        cats = []
        for _ in range(3):
            start = time.time()
            with open(os.devnull, "wb") as sink:
                subprocess.run(["ssh", "-F", f"{work}/ssh_config", *control, "testhost", "cat " + " ".join(f"'{f}'" for f in files)],
                               env=env, check=True, stdout=sink)
            cats.append(time.time() - start)
        start = time.time()
        subprocess.run([args.binary, "runs", "--json", "testhost:" + args.logdir], env=env, check=True, stdout=subprocess.DEVNULL)
        warm = time.time() - start
        start = time.time()
        subprocess.run([args.binary, "runs", "--json", args.logdir], env=env, check=True, stdout=subprocess.DEVNULL)
        local = time.time() - start
        results["full_load"] = {"files_mb": round(size / 1e6, 1), "hafs_viz_remote_s": round(statistics.median(loads), 2),
                                "ssh_cat_s": round(statistics.median(cats), 2),
                                "ratio": round(statistics.median(loads) / statistics.median(cats), 2),
                                "reopen_with_copy_s": round(warm, 2), "local_s": round(local, 2),
                                # What the copy adds to the local read (the parse is the same).
                                "copy_s": round(statistics.median(loads) - local, 2),
                                "copy_vs_cat": round((statistics.median(loads) - local) / statistics.median(cats), 2)}
    else:
        results["full_load"] = f"skipped: {args.logdir} missing (Scripts/bench-runs writes it)"

    # --- the TUI on 20 live runs: idle bytes per poll, remote CPU, write to screen ----------------
    live = f"{work}/live"
    tags = ["loss", "lr", "acc"]
    for i in range(20):
        os.makedirs(f"{live}/run_{i:02d}")
        with open(f"{live}/run_{i:02d}/metrics.jsonl", "w") as f:
            for step in range(1000):
                f.write(json.dumps({"step": step, "time": time.time() - 1000 + step, **{t: 1.0 / (2 + step * 0.01) for t in tags}}) + "\n")
    tmux = ["tmux", "-L", f"hafs-bench-remote-{os.getpid()}", "-f", "/dev/null"]
    exports = " ".join(f"{k}='{v}'" for k, v in env.items() if k in ("HAFS_VIZ_SSH", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME", "HOME"))
    subprocess.run([*tmux, "new-session", "-d", "-x", "200", "-y", "60",
                    f"env {exports} HAFS_VIZ_TRACE=1 TERM=xterm-256color {args.binary} runs testhost:{live} --tui 2>{work}/trace.log"],
                   check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and "testhost:run_19" not in subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout:
        time.sleep(0.1)
    time.sleep(3)
    b0, c0 = tcp_bytes(), session_cpu_ticks()
    time.sleep(args.idle_seconds)
    b1, c1 = tcp_bytes(), session_cpu_ticks()
    polls = args.idle_seconds / 0.5
    results["idle"] = {"seconds": args.idle_seconds, "wire_bytes": b1 - b0, "bytes_per_poll": round((b1 - b0) / polls),
                       "remote_cpu_percent": round((c1 - c0) / os.sysconf("SC_CLK_TCK") / args.idle_seconds * 100, 2)}

    def frames():
        text = open(f"{work}/trace.log").read() if os.path.exists(f"{work}/trace.log") else ""
        return [(int(n), float(at)) for n, at in re.findall(r"tui frame build [\d.]+ ms, render [\d.]+ ms, (\d+) bytes at ([\d.]+)", text)]

    latencies = []
    for k in range(10):
        seen = len(frames())
        written = time.time()
        with open(f"{live}/run_{k:02d}/metrics.jsonl", "a") as f:
            f.write(json.dumps({"step": 5000 + k, "time": time.time(), "loss": 0.01}) + "\n")
        deadline = time.time() + 10
        while time.time() < deadline and not any(n > 0 and at >= written for n, at in frames()[seen:]):
            time.sleep(0.02)
        hit = [at for n, at in frames()[seen:] if n > 0 and at >= written]
        if hit:
            latencies.append(hit[0] - written)
        time.sleep(0.7)
    results["write_to_screen"] = {"median_s": round(statistics.median(latencies), 3) if latencies else None,
                                  "max_s": round(max(latencies), 3) if latencies else None, "samples": len(latencies)}
    subprocess.run([*tmux, "kill-server"], capture_output=True)
finally:
    server.kill()
    subprocess.run(["pkill", "-f", f"{work}/"], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
print(json.dumps(results, indent=2))
