import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { MoneyV1 } from '@intercity/contracts';
import { Money, parseMoney } from '@intercity/domain';

/** An amount in the API: integer minor units as a string, and an ISO 4217 currency. */
export class MoneyDto extends MoneyV1 {
  @ApiProperty({ example: '2500000', description: 'Integer minor units (cents) as a string; never a JSON number' }) declare amountMinor: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' }) declare currency: string;
}

/** A nested amount property: validated as MoneyDto. */
export const MoneyField = (): PropertyDecorator => {
  const nested = ValidateNested();
  const type = Type(() => MoneyDto);
  return (target, key) => {
    nested(target, key);
    type(target, key);
  };
};

export const toMoney = (dto: MoneyDto, field: string): Money => parseMoney(dto, field);
