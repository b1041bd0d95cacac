import { api, ok, type Schemas } from '../api';
import { href } from '../router';
import { ErrorNote, Loading, linkTo, Page, useLoad } from '../ui';

type Kind = keyof Schemas['Gaps'];

/** Each gap kind: what it means, how to close it, and where in the app that is done. */
export const gapKindInfo: Record<Kind, { title: string; howToClose: string; where: (id: string) => string }> = {
  'commitments-without-action-line': {
    title: 'commitments without an action line',
    howToClose: 'Propose an alignment from an action line on the commitment page.',
    where: linkTo.commitment,
  },
  'commitments-without-responsible-entity': {
    title: 'commitments without a responsible entity',
    howToClose: 'Assign a responsible entity on the commitment page.',
    where: linkTo.commitment,
  },
  'action-lines-without-lead': {
    title: 'action lines without a lead facilitator',
    howToClose: 'Assign a lead facilitator on the action line page.',
    where: linkTo.actionLine,
  },
  'sdg-targets-without-support': {
    title: 'SDG targets without direct support',
    howToClose: 'Propose support from an action line on the target page.',
    where: linkTo.target,
  },
  'aligned-pairs-without-shared-entity': {
    title: 'aligned pairs without a shared entity',
    howToClose:
      'Assign, as facilitator of the line, an entity responsible for the commitment (or the other way round).',
    where: linkTo.actionLine,
  },
  'entity-workload': {
    title: 'entities by workload',
    howToClose: 'Not a gap: the roles each entity holds, busiest first.',
    where: linkTo.entity,
  },
  'commitments-without-activity': {
    title: 'commitments without an activity',
    howToClose: 'Record an implementation activity serving the commitment.',
    where: linkTo.commitment,
  },
  'activities-past-due': {
    title: 'activities past due',
    howToClose: 'Report progress (completed, delayed or cancelled) or move the due period.',
    where: linkTo.activity,
  },
  'entities-not-reported': {
    title: 'entities that have not reported this year',
    howToClose: 'The entity (or its focal point) reports progress on each activity it leads.',
    // Items are "ENTITY@YEAR".
    where: (id) => linkTo.entity(id.replace(/@\d+$/, '')),
  },
};

export function Gaps({ kind }: { kind: string | null }) {
  const gaps = useLoad(async () => ok(await api.GET('/v1/gaps')), []);
  const kinds = (Object.keys(gapKindInfo) as Kind[]).filter((k) => !kind || k === kind);
  return (
    <Page title="Gaps">
      <nav aria-label="Gap kinds" class="chips">
        <a href={href(['gaps'])} aria-current={!kind ? 'page' : undefined}>
          All kinds
        </a>
        {(Object.keys(gapKindInfo) as Kind[]).map((k) => (
          <a key={k} href={href(['gaps'], { kind: k })} aria-current={kind === k ? 'page' : undefined}>
            {gapKindInfo[k].title}
          </a>
        ))}
      </nav>
      {gaps.error ? <ErrorNote error={gaps.error} /> : null}
      {!gaps.data ? (
        <Loading what="gaps" />
      ) : (
        kinds.map((k) => {
          const items = (gaps.data?.data[k] ?? []) as Array<{
            id?: string;
            actionLine?: string;
            label: string;
            reason: string;
          }>;
          const info = gapKindInfo[k];
          return (
            <section key={k} aria-labelledby={`gap-${k}`} data-kind={k}>
              <h2 id={`gap-${k}`}>
                <span class="figure">{items.length}</span> {info.title}
              </h2>
              <p class="how">{info.howToClose}</p>
              <ul class="gap-items">
                {items.map((item) => {
                  const id = item.id ?? item.actionLine ?? '';
                  return (
                    <li key={item.label}>
                      <a href={info.where(id)}>{item.label}</a> — {item.reason}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })
      )}
    </Page>
  );
}
