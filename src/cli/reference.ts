import { escapeText } from './escape.js';
import { terminalWidth } from './terminal.js';

/**
 * `o` on the feedback screen: open the question's reference page in the browser when this
 * session has one (a desktop, not SSH; BROWSER=none says never), else offer the page as a
 * terminal hyperlink (OSC 8) where the terminal supports them, else point at the URL printed.
 * Returns the status line to show.
 */
export async function openReference(url: string, env: NodeJS.ProcessEnv = process.env): Promise<{ status: string }> {
  const safe = escapeText(url);
  if (canOpenBrowser(env)) {
    try {
      const { default: open } = await import('open');
      const child = await open(url, { wait: false });
      child.on('error', () => undefined);
      return { status: `Opened the reference page in your browser.` };
    } catch {
      // No browser after all: fall through to the link.
    }
  }
  if (supportsHyperlinks(env)) return { status: `Reference: ${hyperlink(safe, shortLabel(safe, terminalWidth() - 12))}` };
  return { status: 'No browser here: the reference URL is listed on this screen.' };
}

export function canOpenBrowser(env: NodeJS.ProcessEnv): boolean {
  if (env.BROWSER === 'none') return false;
  if (env.SSH_CONNECTION || env.SSH_TTY) return false;
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY || env.BROWSER);
}

/** Terminals known to show OSC 8 links (https://gist.github.com/egmontkob/eb114294efbcd5adb1944c9f3cb5feda). */
export function supportsHyperlinks(env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_HYPERLINK !== undefined) return env.FORCE_HYPERLINK !== '0';
  if (env.TERM === 'dumb' || env.CI) return false;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.WEZTERM_PANE || env.GHOSTTY_RESOURCES_DIR) return true;
  if (['iTerm.app', 'WezTerm', 'vscode', 'ghostty', 'Hyper'].includes(env.TERM_PROGRAM ?? '')) return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

/** An OSC 8 link around `label`; the URL is already escaped, so it carries no control characters. */
export function hyperlink(url: string, label: string): string {
  return `\u001B]8;;${url}\u001B\\${label}\u001B]8;;\u001B\\`;
}

/** The link's visible text: the URL if it fits, else its host and the start of its path. */
function shortLabel(url: string, room: number): string {
  const bare = url.replace(/^https:\/\//, '');
  return bare.length <= room ? bare : `${bare.slice(0, Math.max(10, room - 1))}…`;
}
