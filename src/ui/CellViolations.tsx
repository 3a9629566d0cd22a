import { createResource, For, Show } from 'solid-js';
import type { Language } from '../engines/contract';
import type { Policy } from '../engines/policy';
import type { Violation } from '../runtime/validate-code';

/** acorn stays out of the entry chunk: the checker loads the first time a cell is checked. */
const checker = () => import('../runtime/validate-code');

async function check(input: { code: string; language: Language; policy: Policy }): Promise<Violation[]> {
  const { validateCode } = await checker();
  return validateCode(input.code, input.language, input.policy);
}

/** What the cell's code would be refused under the document's policy, listed before it runs. */
export function CellViolations(props: { code: string; language: Language; policy: Policy }) {
  const [violations] = createResource(() => ({ code: props.code, language: props.language, policy: props.policy }), check);
  return (
    <Show when={(violations.latest ?? []).length > 0}>
      <ul class="cell-violations" data-testid="cell-violations" aria-label="Policy problems in this cell">
        <For each={violations.latest}>
          {(violation) => (
            <li data-kind={violation.kind}>
              Line {violation.line}: {violation.message}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
