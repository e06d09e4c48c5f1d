import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplyIgnoreCommand, type IgnoreArgs } from '../shared/protocol';
import { executeServerCommand } from './server-command';

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Ignore…": two steps, an optional reason and an optional last day, then the server writes the
 * comment (`secret-safe-ignore-next-line rule until 2027-03-01 -- reason`). Escape at either step
 * ignores nothing. A reason makes the exception reviewable; an end date makes it come back.
 */
export async function ignoreWithReason(client: LanguageClient, args: IgnoreArgs): Promise<void> {
  const where = args.scope === 'file' ? `${args.ruleId} in this file` : 'this secret on this line';
  const reason = await vscode.window.showInputBox({
    title: `Ignore ${where} (1/2)`,
    prompt: 'Why may it stay? Written in the comment for reviewers; leave empty for no reason.',
    placeHolder: 'for example: test fixture, revoked key, rotated on 2027-01-31',
    ignoreFocusOut: true,
  });
  if (reason === undefined) return;
  const until = await pickEndDate(where);
  if (until === undefined) return;
  await executeServerCommand(client, ApplyIgnoreCommand, { ...args, reason: reason.trim(), ...(until ? { until } : {}) });
}

/** The last day the ignore holds: '' for none, undefined when the user cancelled. */
async function pickEndDate(where: string): Promise<string | undefined> {
  const day = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  const items: Array<vscode.QuickPickItem & { until?: string }> = [
    { label: 'No end date', description: 'ignored until the comment is removed', until: '' },
    { label: 'For 30 days', description: `until ${day(30)}`, until: day(30) },
    { label: 'For 90 days', description: `until ${day(90)}: the next quarterly audit`, until: day(90) },
    { label: 'For a year', description: `until ${day(365)}`, until: day(365) },
    { label: 'Until a date…', description: 'YYYY-MM-DD' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Ignore ${where} (2/2)`,
    placeHolder: 'Until when? After that day the secret is reported again, saying the ignore expired.',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.until !== undefined) return picked.until;
  return vscode.window.showInputBox({
    title: `Ignore ${where} (2/2)`,
    prompt: 'The last day the ignore holds (YYYY-MM-DD)',
    value: day(90),
    ignoreFocusOut: true,
    validateInput: value => {
      const text = value.trim();
      if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(text)) || new Date(text).toISOString().slice(0, 10) !== text) return 'A date as YYYY-MM-DD';
      return text < day(0) ? 'A day from today on' : undefined;
    },
  });
}
