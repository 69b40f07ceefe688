import fs from 'node:fs';
import path from 'node:path';

/**
 * How the learner started aif-quiz, so that hints ("missed questions wait in: … review") name a
 * command that works for them: `npx aif-quiz` when run through npx (after the README's set-up
 * the tool is not on the PATH), `aif-quiz` when the PATH finds this very program, else the path
 * to the program as node would run it.
 */
export function commandName(env: NodeJS.ProcessEnv = process.env, script: string | undefined = process.argv[1]): string {
  if (env.npm_command === 'exec') return 'npx aif-quiz';
  if (!script || onPath(script, env)) return 'aif-quiz';
  const relative = path.relative(process.cwd(), script);
  return `node ${relative && !relative.startsWith('..') && relative.length < script.length ? relative : script}`;
}

/** A full command line for a hint: `hint('review --due-only')`. */
export function hint(args: string): string {
  return `${commandName()} ${args}`;
}

function onPath(script: string, env: NodeJS.ProcessEnv): boolean {
  const target = realpath(script);
  const names = process.platform === 'win32' ? ['aif-quiz.cmd', 'aif-quiz'] : ['aif-quiz'];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const found = realpath(path.join(dir, name));
      if (found && (found === target || process.platform === 'win32')) return true;
    }
  }
  return false;
}

function realpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
