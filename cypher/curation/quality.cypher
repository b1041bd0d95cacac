// The data-quality view in one round trip: what of the live reference is still unverified or weak.
// Lists come in natural order (paragraph order, ids); retired links and tombstones are left out
// except for the retired counts. The revision comes from the consistent read around this query.
CALL () {
  MATCH (c:GdcCommitment)
  WITH c ORDER BY c.paragraph, coalesce(c.letter, ''), c.id
  WITH c, EXISTS { MATCH (c)-[s:CONTRIBUTES_TO]->(:Sdg) WHERE s.status <> 'retired' } AS citesSdgs
  RETURN count(c) AS commitmentCount,
         collect(CASE WHEN coalesce(c.verified, false) = false THEN c.id END) AS unverifiedCommitments,
         collect(CASE WHEN c.confidence = 'low' THEN c.id END) AS lowConfidenceCommitments,
         collect(CASE WHEN c.paragraph IS NULL THEN c.id END) AS commitmentsWithoutParagraph,
         collect(CASE WHEN NOT citesSdgs THEN c.id END) AS commitmentsWithoutSdgs
}
CALL () {
  MATCH (e:Entity)
  WITH e ORDER BY e.id
  WITH e, COLLECT {
    MATCH (e)-[r:FACILITATES|RESPONSIBLE_FOR {role: 'lead'}]->(x) WHERE r.status <> 'retired'
    RETURN x.id ORDER BY x.id
  } AS leads
  RETURN count(e) AS entityCount,
         collect(CASE WHEN coalesce(e.verified, false) = false THEN e.id END) AS unverifiedEntities,
         collect(CASE WHEN e.membershipConfidence IN ['low', 'unverified'] THEN e.id END) AS lowConfidenceEntities,
         collect(CASE WHEN coalesce(e.verified, false) = false AND size(leads) > 0 THEN {id: e.id, leads: leads} END)
           AS unverifiedEntitiesLeading
}
CALL () {
  // $types: every roadmap link type, from the link registry (src/domain/links.ts).
  MATCH (a)-[r:$any($types)]->(b)
  WHERE r.status <> 'retired'
  WITH a, r, b ORDER BY type(r), a.id, b.id
  WITH {type: type(r), from: a.id, to: b.id, confidence: r.confidence} AS link, r
  RETURN count(r) AS linkCount,
         collect(CASE WHEN coalesce(r.verified, false) = false THEN link END) AS unverifiedLinks,
         collect(CASE WHEN r.confidence = 'low' THEN link END) AS lowConfidenceLinks
}
CALL () {
  OPTIONAL MATCH (c:RetiredGdcCommitment) RETURN count(c) AS retiredCommitments
}
CALL () {
  OPTIONAL MATCH (e:RetiredEntity) RETURN count(e) AS retiredEntities
}
RETURN commitmentCount, unverifiedCommitments, lowConfidenceCommitments, commitmentsWithoutParagraph,
       commitmentsWithoutSdgs, retiredCommitments, entityCount, unverifiedEntities, lowConfidenceEntities,
       unverifiedEntitiesLeading, retiredEntities, linkCount, unverifiedLinks, lowConfidenceLinks
