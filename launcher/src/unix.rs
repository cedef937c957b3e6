// POSIX: wait4 gives the exit status and the child's rusage in the call that ends the timed window.
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
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data, and wait4 only writes to the two pointers it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if waited == pid {
            break;
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    let wall = start.elapsed();
    Ok(Timed {
        status,
        wall,
        user_ns: timeval_ns(usage.ru_utime),
        system_ns: timeval_ns(usage.ru_stime),
    })
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
