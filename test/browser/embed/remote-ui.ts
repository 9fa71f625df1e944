import { executeServerCommand } from '@web/test-runner-commands';
import { widgetUi, type Ui, type UiCommand, type UiState } from './widget-ui.ts';

/**
 * A person's view of a widget this page cannot reach itself: inside a cross-origin iframe (`frameUrl`, the start of
 * its address) and/or in another tab opened by 'bookwell-page-open' (`page`). See frame-plugin.mjs.
 */
export function remoteUi(where: { frameUrl?: string; page?: string }, selector = 'bookwell-widget'): Ui {
  return async (command: UiCommand): Promise<unknown> => {
    const answer = (await executeServerCommand('bookwell-frame-ui', {
      ...where,
      source: widgetUi.toString(),
      args: [selector, command],
    })) as { value?: unknown; missing?: true };
    if (answer.missing) return command.kind === 'state' ? ({ step: null, busy: true } satisfies Partial<UiState>) : false;
    return answer.value;
  };
}
