// Windows: WaitForSingleObject ends the timed window; GetExitCodeProcess and the job's accounting read the rest.
use std::io;
use std::os::windows::io::AsRawHandle;
use std::process::{exit, Child};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use windows_sys::Win32::Foundation::{FILETIME, HANDLE, WAIT_OBJECT_0};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JobObjectBasicAccountingInformation,
    JobObjectExtendedLimitInformation, QueryInformationJobObject, SetInformationJobObject,
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetExitCodeProcess, GetProcessTimes, WaitForSingleObject, INFINITE,
};

use crate::Timed;

/// The child's exit code (an NTSTATUS such as 0xC0000005 when it crashed).
pub type Status = u32;

/// The job that holds the launcher and every process the child starts (0 when there is none).
static JOB: AtomicUsize = AtomicUsize::new(0);

/// Puts the launcher in a job that kills its members when its last handle closes: when a timeout terminates the
/// launcher, the child (which inherits the job) ends with it. Done before the clock starts. Without nested jobs
/// (before Windows 8) this fails quietly and the harness's tree kill is left to do it.
pub fn prepare() {
    // SAFETY: plain Win32 calls with valid pointers; the job handle is deliberately never closed.
    unsafe {
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if job.is_null() {
            return;
        }
        let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        let set = SetInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            &limits as *const JOBOBJECT_EXTENDED_LIMIT_INFORMATION as *const core::ffi::c_void,
            std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
        );
        if set != 0 && AssignProcessToJobObject(job, GetCurrentProcess()) != 0 {
            JOB.store(job as usize, Ordering::Relaxed);
        }
    }
}

pub fn wait(child: Child, start: Instant) -> io::Result<Timed> {
    let process = child.as_raw_handle() as HANDLE;
    // SAFETY: `process` stays a valid process handle while `child` lives (to the end of this function).
    unsafe {
        if WaitForSingleObject(process, INFINITE) != WAIT_OBJECT_0 {
            return Err(io::Error::last_os_error());
        }
        let wall = start.elapsed();
        let mut code: u32 = 0;
        if GetExitCodeProcess(process, &mut code) == 0 {
            return Err(io::Error::last_os_error());
        }
        let (user_ns, system_ns) = process_times(process)?;
        // The child's own times miss the processes it starts (a redirector such as a venv's python.exe, a
        // script's interpreter). The job holds all of them and this launcher, so its totals less the launcher's
        // own are the tree's. Where the job gives less (no job before Windows 8; Wine reports zeros), the
        // child's own times stand.
        let (tree_user, tree_system) = match job_times() {
            Some((job_user, job_system)) => {
                let (own_user, own_system) = process_times(GetCurrentProcess())?;
                (
                    job_user.saturating_sub(own_user),
                    job_system.saturating_sub(own_system),
                )
            }
            None => (0, 0),
        };
        Ok(Timed {
            status: code,
            wall,
            user_ns: user_ns.max(tree_user),
            system_ns: system_ns.max(tree_system),
            instructions: None,
        })
    }
}

/// User and kernel time of one process, in ns.
unsafe fn process_times(process: HANDLE) -> io::Result<(u64, u64)> {
    let zero = FILETIME {
        dwLowDateTime: 0,
        dwHighDateTime: 0,
    };
    let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
    if GetProcessTimes(process, &mut created, &mut exited, &mut kernel, &mut user) == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((filetime_ns(user), filetime_ns(kernel)))
}

/// User and kernel time of every process that was ever in the launcher's job, in ns.
unsafe fn job_times() -> Option<(u64, u64)> {
    let job = JOB.load(Ordering::Relaxed);
    if job == 0 {
        return None;
    }
    let mut info: JOBOBJECT_BASIC_ACCOUNTING_INFORMATION = std::mem::zeroed();
    let ok = QueryInformationJobObject(
        job as HANDLE,
        JobObjectBasicAccountingInformation,
        &mut info as *mut JOBOBJECT_BASIC_ACCOUNTING_INFORMATION as *mut core::ffi::c_void,
        std::mem::size_of::<JOBOBJECT_BASIC_ACCOUNTING_INFORMATION>() as u32,
        std::ptr::null_mut(),
    );
    if ok == 0 {
        return None;
    }
    // Both count 100 ns ticks.
    Some((
        info.TotalUserTime as u64 * 100,
        info.TotalKernelTime as u64 * 100,
    ))
}

/// FILETIME durations count 100 ns ticks.
fn filetime_ns(time: FILETIME) -> u64 {
    ((time.dwHighDateTime as u64) << 32 | time.dwLowDateTime as u64) * 100
}

pub fn exit_like(status: Status) -> ! {
    exit(status as i32)
}
