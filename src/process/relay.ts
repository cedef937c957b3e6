// Text from child processes (build output, the tail of a failed step's stderr) is relayed into the job log, where
// the runner reads workflow commands from every line: `::add-mask::`, `::stop-commands::`, `::set-output ...::`
// at the start of a line after any spaces, and the older `##[command]` anywhere in a line. Relayed text is made
// inert: such a line is quoted with "> ", and "##[" is written "##%5B" (the runner's own escape for "[").

const V2_COMMAND = /^\s*::/

function inertLine(line: string): string {
  const withoutV1 = line.replaceAll('##[', '##%5B')
  return V2_COMMAND.test(withoutV1) ? `> ${withoutV1}` : withoutV1
}

/** `text` with no line the runner would take for a workflow command; lines split as the runner splits them. */
export function inertText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(inertLine)
    .join('\n')
}
