// POSIX: wait4 gives the exit status and the child's rusage in the call that reaps it. On macOS the launcher first
// waits without reaping (waitid with WNOWAIT), to read the exited child's instruction count (proc_pid_rusage)
// while its process entry still exists.
use std::io;
use std::process::{exit, Child};
use std::time::Instant;

use crate::Timed;

/// The raw wait status.
pub type Status = libc::c_int;

/// Nothing to set up: a timeout kills the launcher's process group, and the child stays in it.
pub fn prepare() {}

pub fn wait(child: Child, start: Instant) -> io::Result<Timed> {
    let pid = child.id() as libc::pid_t;
    #[cfg(target_os = "macos")]
    let (wall, instructions) = {
        wait_exited(pid)?;
        // A count that cannot be read leaves the timing as it is.
        (start.elapsed(), exited_instructions(pid).ok())
    };
    let (status, usage) = reap(pid)?;
    #[cfg(not(target_os = "macos"))]
    let (wall, instructions) = (start.elapsed(), None);
    Ok(Timed {
        status,
        wall,
        user_ns: timeval_ns(usage.ru_utime),
        system_ns: timeval_ns(usage.ru_stime),
        instructions,
    })
}

/// Retries a call that a signal interrupted.
fn retry(mut call: impl FnMut() -> libc::c_int) -> io::Result<libc::c_int> {
    loop {
        let result = call();
        if result != -1 {
            return Ok(result);
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn reap(pid: libc::pid_t) -> io::Result<(Status, libc::rusage)> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data, and wait4 only writes to the two pointers it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    retry(|| unsafe { libc::wait4(pid, &mut status, 0, &mut usage) })?;
    Ok((status, usage))
}

/// Returns once the child has exited, leaving it unreaped (a zombie whose usage can still be read).
#[cfg(target_os = "macos")]
fn wait_exited(pid: libc::pid_t) -> io::Result<()> {
    // SAFETY: siginfo_t is plain old data, and waitid only writes to it.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    retry(|| unsafe {
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOWAIT,
        )
    })?;
    Ok(())
}

/// The instructions the exited child retired, as the kernel counted them; 0 where the CPU's counters are not
/// available to it (macOS in a virtual machine, as on GitHub's runners).
#[cfg(target_os = "macos")]
fn exited_instructions(pid: libc::pid_t) -> io::Result<u64> {
    // SAFETY: rusage_info_v4 is plain old data; proc_pid_rusage writes one of the flavor's size to it.
    let mut info: libc::rusage_info_v4 = unsafe { std::mem::zeroed() };
    let buffer = (&mut info as *mut libc::rusage_info_v4).cast::<libc::rusage_info_t>();
    retry(|| unsafe { libc::proc_pid_rusage(pid, libc::RUSAGE_INFO_V4, buffer) })?;
    Ok(info.ri_instructions)
}

fn timeval_ns(time: libc::timeval) -> u64 {
    time.tv_sec as u64 * 1_000_000_000 + time.tv_usec as u64 * 1_000
}

/// Ends the launcher as the child ended: the same exit code, or the same signal.
pub fn exit_like(status: Status) -> ! {
    if libc::WIFSIGNALED(status) {
        let signal = libc::WTERMSIG(status);
        // SAFETY: plain libc calls on this process. No core file of the launcher: the child's crash is the news.
        unsafe {
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            libc::signal(signal, libc::SIG_DFL);
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, signal);
            libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::raise(signal);
        }
        exit(128 + signal);
    }
    exit(libc::WEXITSTATUS(status));
}
