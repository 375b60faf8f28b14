import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** Swagger shape of `{ count, next, previous, results }` for a given item DTO. */
export function PageDto<T>(item: Type<T>) {
  class PageOfItems {
    @ApiProperty({ example: 120 })
    count!: number;

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'URL of the next page',
    })
    next!: string | null;

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'URL of the previous page',
    })
    previous!: string | null;

    @ApiProperty({ type: item, isArray: true })
    results!: T[];
  }
  Object.defineProperty(PageOfItems, 'name', {
    value: `PageOf${item.name.replace(/Dto$/, '')}`,
  });
  return PageOfItems;
}
