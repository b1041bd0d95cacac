import { api, ok, type Schemas } from '../api';
import { ErrorNote, Loading, linkTo, Page, useLoad } from '../ui';

type Quality = Schemas['Quality'];

/** One list of ids, each linking to its page, under a count that says what is wrong with them. */
function IdList({ title, ids, to }: { title: string; ids: string[]; to: (id: string) => string }) {
  return (
    <section data-issue={title}>
      <h3>
        <span class="figure">{ids.length}</span> {title}
      </h3>
      <ul class="gap-items">
        {ids.map((id) => (
          <li key={id}>
            <a href={to(id)}>{id}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function History({ points }: { points: Quality['history'] }) {
  return (
    <table>
      <caption>Counts after each change to the reference, newest first, back to the last seed load</caption>
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">When</th>
          <th scope="col">Commitments</th>
          <th scope="col">unverified</th>
          <th scope="col">Entities</th>
          <th scope="col">unverified</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.revision}>
            <td>{p.revision}</td>
            <td>{p.at ? new Date(p.at).toLocaleString() : '—'}</td>
            <td>{p.commitments.total}</td>
            <td>{p.commitments.unverified}</td>
            <td>{p.entities.total}</td>
            <td>{p.entities.unverified}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What of the reference is still unverified or weak (GET /v1/quality), so curators know what to check next. */
export function QualityView() {
  const quality = useLoad(async () => ok(await api.GET('/v1/quality')), []);
  const q = quality.data?.data;
  return (
    <Page title="Data quality">
      {quality.error ? <ErrorNote error={quality.error} /> : null}
      {!q ? (
        <Loading what="data quality" />
      ) : (
        <>
          <p>
            <a href="/v1/quality?format=csv" download>
              Download as CSV
            </a>
          </p>
          <section aria-labelledby="quality-commitments">
            <h2 id="quality-commitments">
              GDC commitments: {q.commitments.unverified} of {q.commitments.total} unverified ({q.commitments.retired}{' '}
              retired)
            </h2>
            <IdList title="unverified" ids={q.commitments.lists.unverified} to={linkTo.commitment} />
            <IdList title="low confidence" ids={q.commitments.lists.lowConfidence} to={linkTo.commitment} />
            <IdList title="without a paragraph" ids={q.commitments.lists.withoutParagraph} to={linkTo.commitment} />
            <IdList title="citing no SDG" ids={q.commitments.lists.withoutSdgs} to={linkTo.commitment} />
          </section>
          <section aria-labelledby="quality-entities">
            <h2 id="quality-entities">
              Entities: {q.entities.unverified} of {q.entities.total} unverified ({q.entities.retired} retired)
            </h2>
            <section data-issue="unverified and leading">
              <h3>
                <span class="figure">{q.entities.unverifiedLeading}</span> unverified but holding a lead role
              </h3>
              <ul class="gap-items">
                {q.entities.lists.unverifiedLeading.map((e) => (
                  <li key={e.id}>
                    <a href={linkTo.entity(e.id)}>{e.id}</a> — leads {e.leads.join(', ')}
                  </li>
                ))}
              </ul>
            </section>
            <IdList title="unverified" ids={q.entities.lists.unverified} to={linkTo.entity} />
            <IdList title="membership low or unverified" ids={q.entities.lists.lowConfidence} to={linkTo.entity} />
          </section>
          <section aria-labelledby="quality-links">
            <h2 id="quality-links">
              Links: {q.links.unverified} of {q.links.total} unverified, {q.links.lowConfidence} of low confidence
            </h2>
          </section>
          <section aria-labelledby="quality-history">
            <h2 id="quality-history">History</h2>
            <History points={q.history} />
          </section>
        </>
      )}
    </Page>
  );
}
