import { api, ok } from '../api';
import { useCaller } from '../auth';
import { useLiveChanges } from '../live';
import { href } from '../router';
import { ErrorNote, Loading, linkTo, Page, percent, useLoad } from '../ui';
import { ChangeList } from './Changes';
import { gapKindInfo } from './Gaps';

export function Overview() {
  const caller = useCaller();
  const coverage = useLoad(async () => ok(await api.GET('/v1/coverage')).data, []);
  const gaps = useLoad(async () => ok(await api.GET('/v1/gaps')).meta.counts, []);
  const recent = useLoad(
    async () => (caller ? ok(await api.GET('/v1/changes', { params: { query: { limit: 10 } } })).data : []),
    [caller?.name],
  );
  const live = useLiveChanges(caller !== null);
  const latest = [...live, ...(recent.data ?? []).filter((c) => !live.some((l) => l.id === c.id))].slice(0, 10);

  return (
    <Page title="Overview">
      <p class="lead">
        The joint implementation roadmap maps the WSIS Action Lines to the Global Digital Compact and the SDGs, with the
        UN entities that carry each line. Figures come live from the roadmap API.
      </p>
      {coverage.error ? <ErrorNote error={coverage.error} /> : null}
      {coverage.data ? (
        <>
          <section aria-labelledby="totals-h" class="cards">
            <h2 id="totals-h" class="visually-hidden">
              Totals
            </h2>
            <div class="card" data-figure="commitments-with-line">
              <span class="figure">{coverage.data.totals.withActionLine}</span> of {coverage.data.totals.commitments}{' '}
              GDC commitments have an action line
            </div>
            <div class="card" data-figure="commitments-with-entity">
              <span class="figure">{coverage.data.totals.withResponsibleEntity}</span> of{' '}
              {coverage.data.totals.commitments} commitments have a responsible entity
            </div>
            <div class="card" data-figure="targets-supported">
              <span class="figure">{coverage.data.totals.supportedTargets}</span> of {coverage.data.totals.targets} SDG
              targets are supported directly
            </div>
            <div class="card" data-figure="lines-with-lead">
              <span class="figure">{coverage.data.totals.actionLinesWithLead}</span> of{' '}
              {coverage.data.totals.actionLines} action lines have a lead
            </div>
          </section>
          <div class="two-col">
            <section aria-labelledby="obj-h">
              <h2 id="obj-h">Coverage per GDC objective</h2>
              <table class="data" id="coverage-objectives">
                <thead>
                  <tr>
                    <th scope="col">Objective</th>
                    <th scope="col">Commitments</th>
                    <th scope="col">With action line</th>
                    <th scope="col">With responsible entity</th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.data.objectives.map((o) => (
                    <tr key={o.id} data-id={o.id}>
                      <th scope="row">
                        <a href={linkTo.objective(o.id)}>
                          {o.id}. {o.label}
                        </a>
                      </th>
                      <td class="num">{o.commitments}</td>
                      <td class="num">
                        <meter min={0} max={1} value={o.shareWithActionLine} aria-hidden="true" />{' '}
                        <span data-cell="with-line">{o.withActionLine}</span> ({percent(o.shareWithActionLine)})
                      </td>
                      <td class="num">
                        <meter min={0} max={1} value={o.shareWithResponsibleEntity} aria-hidden="true" />{' '}
                        <span data-cell="with-entity">{o.withResponsibleEntity}</span> (
                        {percent(o.shareWithResponsibleEntity)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="sdg-h">
              <h2 id="sdg-h">Coverage per SDG</h2>
              <table class="data" id="coverage-sdgs">
                <thead>
                  <tr>
                    <th scope="col">SDG</th>
                    <th scope="col">Targets supported</th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.data.sdgs.map((s) => (
                    <tr key={s.id} data-id={s.id}>
                      <th scope="row">
                        <a href={linkTo.sdg(s.id)}>
                          {s.id}. {s.label}
                        </a>
                      </th>
                      <td class="num">
                        <meter min={0} max={1} value={s.shareSupported} aria-hidden="true" />{' '}
                        <span data-cell="supported">{s.supported}</span> / {s.targets} ({percent(s.shareSupported)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </>
      ) : coverage.loading ? (
        <Loading what="coverage" />
      ) : null}
      <div class="two-col">
        <section aria-labelledby="gaps-h">
          <h2 id="gaps-h">Gaps by kind</h2>
          {gaps.error ? <ErrorNote error={gaps.error} /> : null}
          {gaps.data ? (
            <ul class="gap-counts" id="gap-counts">
              {Object.entries(gapKindInfo)
                .filter(([kind]) => kind !== 'entity-workload')
                .map(([kind, info]) => (
                  <li key={kind} data-kind={kind}>
                    <a href={href(['gaps'], { kind })}>
                      <span class="figure">{gaps.data?.[kind] ?? 0}</span> {info.title}
                    </a>
                  </li>
                ))}
            </ul>
          ) : (
            <Loading what="gaps" />
          )}
        </section>
        <section aria-labelledby="changes-h">
          <h2 id="changes-h">Latest changes</h2>
          {caller ? (
            recent.error ? (
              <ErrorNote error={recent.error} />
            ) : (
              <ChangeList changes={latest} empty="No changes recorded yet." />
            )
          ) : (
            <p>
              <a href={href(['sign-in'])}>Sign in</a> with an API key to see live changes.
            </p>
          )}
          <p>
            <a href={href(['changes'])}>Full change log</a>
          </p>
        </section>
      </div>
    </Page>
  );
}
