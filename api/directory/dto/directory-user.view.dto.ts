import { ApiProperty } from '@nestjs/swagger';

/** A directory user for the console's typeahead: destinations on file masked, never read out. */
export class DirectoryUserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) department: string | null;
  @ApiProperty({ nullable: true, type: String }) office: string | null;
  @ApiProperty({ nullable: true, type: String }) mobilePhoneMasked: string | null;
  @ApiProperty({ nullable: true, type: String }) personalEmailMasked: string | null;
}

export class DirectoryUserList {
  @ApiProperty({ type: [DirectoryUserView] }) items: DirectoryUserView[];
}
