import { ChainAnchor } from './audit-chain-verifier';
import { AuditVerifyQueryDto } from './dto/audit-query.dto';

/** The anchor of a verify request; the DTO has already made sure both parts come together. */
export const anchorOf = (query: AuditVerifyQueryDto): ChainAnchor | null =>
  query.anchorSeq !== undefined && query.anchorHash !== undefined
    ? { seq: query.anchorSeq, hash: query.anchorHash }
    : null;
