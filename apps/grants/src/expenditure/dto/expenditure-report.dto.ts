import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ExchangeRateV1 } from '@intercity/contracts';
import { MoneyDto, MoneyField } from '../../shared/money-dto';
import { BUDGET_CATEGORIES } from '../../sub-grant/domain/sub-grant';

export class ExpenditureLineDto {
  @ApiProperty({ enum: BUDGET_CATEGORIES }) @IsIn(BUDGET_CATEGORIES) category!: (typeof BUDGET_CATEGORIES)[number];
  @ApiProperty({ type: MoneyDto, description: 'What was spent, in the currency it was spent in' }) @MoneyField() spent!: MoneyDto;
  @ApiPropertyOptional({ type: ExchangeRateV1, description: "Required when spent in another currency than the sub-grant's" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExchangeRateV1)
  rate?: ExchangeRateV1;
}

export class SubmitReportDto {
  @ApiProperty({ example: 'interim-2025', description: "A deadline of the sub-grant's reporting calendar" }) @IsString() @Length(1, 60) deadlineKey!: string;
  @ApiProperty({ type: [ExpenditureLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ExpenditureLineDto) lines!: ExpenditureLineDto[];
}

export class ResubmitReportDto {
  @ApiProperty({ type: [ExpenditureLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ExpenditureLineDto) lines!: ExpenditureLineDto[];
}

export class ApproveReportDto {
  @ApiPropertyOptional({ type: [MoneyDto], description: 'What is accepted of each line, in order; all of it by default' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MoneyDto)
  accepted?: MoneyDto[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) @Length(1, 2000, { each: true }) reasons?: string[];
}

export class ReasonsDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @Length(1, 2000, { each: true }) reasons!: string[];
}
