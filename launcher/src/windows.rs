// Windows: WaitForSingleObject ends the timed window; GetExitCodeProcess and GetProcessTimes read the rest.
use std::io;
use std::os::windows::io::AsRawHandle;
use std::process::{exit, Child};
use std::time::Instant;

use windows_sys::Win32::Foundation::{FILETIME, HANDLE, WAIT_OBJECT_0};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
    SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetExitCodeProcess, GetProcessTimes, WaitForSingleObject, INFINITE,
};

use crate::Timed;

/// The child's exit code (an NTSTATUS such as 0xC0000005 when it crashed).
pub type Status = u32;

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
        if set != 0 {
            AssignProcessToJobObject(job, GetCurrentProcess());
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
        let zero = FILETIME {
            dwLowDateTime: 0,
            dwHighDateTime: 0,
        };
        let (mut created, mut exited, mut kernel, mut user) = (zero, zero, zero, zero);
        if GetProcessTimes(process, &mut created, &mut exited, &mut kernel, &mut user) == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Timed {
            status: code,
            wall,
            user_ns: filetime_ns(user),
            system_ns: filetime_ns(kernel),
        })
    }
}

/// FILETIME durations count 100 ns ticks.
fn filetime_ns(time: FILETIME) -> u64 {
    ((time.dwHighDateTime as u64) << 32 | time.dwLowDateTime as u64) * 100
}

pub fn exit_like(status: Status) -> ! {
    exit(status as i32)
}
