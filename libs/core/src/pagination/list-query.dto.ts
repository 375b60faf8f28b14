import { WholeNumberQuery } from './whole-number-query';

export const MAX_PAGE_SIZE = 1000;
export const MAX_PAGE = 2_147_483_647;

export class ListQueryDto {
  @WholeNumberQuery({ min: 1, max: MAX_PAGE, default: 1, description: 'Page number, from 1' })
  page = 1;

  @WholeNumberQuery({
    min: 1,
    max: MAX_PAGE_SIZE,
    default: 20,
    description: `Results per page, at most ${MAX_PAGE_SIZE}`,
  })
  pageSize = 20;
}
