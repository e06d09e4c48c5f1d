import { readBoundedText } from '../read-bounded';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ignoreLevel, isIgnored, MAX_GITIGNORE_BYTES, type IgnoreLevel } from './gitignore-rules';
import { relativePosix } from '../paths';

/**
 * Git's ignore rules evaluated without running git, from the files git reads: `core.excludesFile`
 * (the global excludes, lowest), `.git/info/exclude`, then every `.gitignore` from the repository
 * root down to the file's folder (deeper wins). Reading these files runs nothing.
 */
export class IgnoreFiles {
  private readonly byDir = new Map<string, Promise<IgnoreLevel | undefined>>();
  private base: Promise<IgnoreLevel[]> | undefined;
  private ignorecase: Promise<boolean> | undefined;

  constructor(
    private readonly root: string,
    private readonly home = homedir(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Whether `path` (absolute) is ignored, a folder on its way included. */
  async ignores(path: string): Promise<boolean> {
    const levels = [...(await this.baseLevels())];
    const dirs: string[] = [];
    for (let dir = dirname(path); dir.length >= this.root.length; dir = dirname(dir)) {
      dirs.unshift(dir);
      if (dir === this.root) break;
    }
    for (const dir of dirs) {
      const level = await this.gitignoreOf(dir);
      if (level) levels.push(level);
    }
    // A file inside an ignored folder is ignored whatever deeper files say.
    for (const dir of dirs.slice(1)) {
      if (
        isIgnored(
          levels.filter(l => dir.startsWith(l.base)),
          dir,
          true,
        )
      ) {
        return true;
      }
    }
    return isIgnored(levels, path, false);
  }

  /** `core.ignorecase` of the repository (false when unset, as on Linux). */
  private caseInsensitive(): Promise<boolean> {
    this.ignorecase ??= readText(join(this.root, '.git', 'config')).then(config => /^\s*ignorecase\s*=\s*true\s*$/im.test(config ?? ''));
    return this.ignorecase;
  }

  private gitignoreOf(dir: string): Promise<IgnoreLevel | undefined> {
    let level = this.byDir.get(dir);
    if (!level) {
      const file = join(dir, '.gitignore');
      level = Promise.all([readText(file), this.caseInsensitive()]).then(([text, ci]) => (text === undefined ? undefined : ignoreLevel(dir, file, text, ci)));
      this.byDir.set(dir, level);
    }
    return level;
  }

  private baseLevels(): Promise<IgnoreLevel[]> {
    this.base ??= (async () => {
      const levels: IgnoreLevel[] = [];
      const ci = await this.caseInsensitive();
      const global = await this.globalExcludesFile();
      const globalText = global ? await readText(global) : undefined;
      if (global && globalText !== undefined) levels.push(ignoreLevel(this.root, global, globalText, ci));
      const exclude = join(this.root, '.git', 'info', 'exclude');
      const excludeText = await readText(exclude);
      if (excludeText !== undefined) levels.push(ignoreLevel(this.root, exclude, excludeText, ci));
      return levels;
    })();
    return this.base;
  }

  /** `core.excludesFile` from the repository's config, then the user's, else git's default path. */
  private async globalExcludesFile(): Promise<string | undefined> {
    const xdg = this.env.XDG_CONFIG_HOME || join(this.home, '.config');
    for (const config of [join(this.root, '.git', 'config'), join(this.home, '.gitconfig'), join(xdg, 'git', 'config')]) {
      const value = excludesFileIn((await readText(config)) ?? '');
      if (value) {
        return value.startsWith('~/') ? join(this.home, value.slice(2)) : value;
      }
    }
    return join(xdg, 'git', 'ignore');
  }
}

/** `excludesfile` in a git config's `[core]` section (keys are case-insensitive). */
function excludesFileIn(config: string): string | undefined {
  let inCore = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[([^\]\s"]+)(?:\s+"[^"]*")?\]/.exec(line);
    if (section) {
      inCore = section[1].toLowerCase() === 'core';
      continue;
    }
    const m = /^excludesfile\s*=\s*(.+)$/i.exec(line);
    if (inCore && m) {
      return m[1].replace(/^"(.*)"$/, '$1').trim();
    }
  }
  return undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readBoundedText(path, MAX_GITIGNORE_BYTES, { regularOnly: true });
  } catch {
    return undefined;
  }
}

export { relativePosix };
