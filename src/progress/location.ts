import envPaths from 'env-paths';

/**
 * Where progress lives: --data-dir, else AIF_QUIZ_HOME, else the platform's data folder
 * (~/.local/share/aif-quiz on Linux, ~/Library/Application Support/aif-quiz on macOS,
 * %LOCALAPPDATA%\aif-quiz\Data on Windows).
 */
export function dataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.AIF_QUIZ_HOME) return env.AIF_QUIZ_HOME;
  return envPaths('aif-quiz', { suffix: '' }).data;
}
